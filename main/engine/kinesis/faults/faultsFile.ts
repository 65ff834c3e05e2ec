// `--faults FILE` and startEngine's `faults` option: the same JSON as a SetFaults request, checked with the
// same rules.
import { readFileSync } from 'node:fs';
import { KinesisError } from '../../core/errors';
import { checkInput } from '../../core/rules';
import { faultConfigRules, type FaultConfig } from './faultRules';

export function parseFaultConfig(value: unknown, source = 'faults'): FaultConfig {
  try {
    return checkInput(value, faultConfigRules, 'json');
  } catch (error) {
    if (error instanceof KinesisError) throw new Error(`${source}: ${error.type}: ${error.message}`);
    throw error;
  }
}

export function loadFaultsFile(path: string): FaultConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--faults ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseFaultConfig(json, `--faults ${path}`);
}

/** startEngine's option: a file path, an object in the file's format, or nothing. */
export function faultsOption(value: string | FaultConfig | undefined): FaultConfig | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? loadFaultsFile(value) : parseFaultConfig(value);
}

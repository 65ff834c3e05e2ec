// The SDK's ini parser silently skips what it cannot read, so a typo makes a profile vanish without a word.
// This pass reads the same text the same way (same comment rule) and names each line it would skip.
// Messages never quote a line's content: a broken line may well hold a secret key.

export type IniFileRole = 'config' | 'credentials';

export interface IniLintProblem {
  line: number;
  message: string;
  /** The profile whose section holds the line, when there is one. */
  profile?: string;
}

const sectionNamePattern = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const prefixedSections = new Set(['profile', 'sso-session', 'services']);

/** The profile a section header names in this kind of file, or undefined for non-profile sections. */
function profileOfSection(role: IniFileRole, name: string): string | undefined {
  const match = sectionNamePattern.exec(name);
  if (role === 'credentials') return match ? undefined : name;
  if (name === 'default') return 'default';
  if (match && match[1] === 'profile') return match[3];
  return undefined;
}

function sectionProblem(role: IniFileRole, name: string): string | undefined {
  if (name.trim() === '') return 'Empty section header []';
  if (name === '__proto__' || name === 'profile __proto__') return `Invalid profile name "${name}"`;
  const match = sectionNamePattern.exec(name);
  if (role === 'credentials') {
    return match?.[1] === 'profile'
      ? `In the credentials file sections are bare profile names: write [${match[3]}], not [${name}]`
      : undefined;
  }
  if (name === 'default') return undefined;
  if (match && prefixedSections.has(match[1] ?? '')) return undefined;
  if (!match && !/\s/.test(name)) return `Section [${name}] is ignored in the config file: did you mean [profile ${name}]?`;
  return `Section [${name}] is not a profile, sso-session or services section and is ignored`;
}

export function lintIni(text: string, role: IniFileRole): IniLintProblem[] {
  const problems: IniLintProblem[] = [];
  let inSection = false;
  let profile: string | undefined;
  let inSubSection = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = (raw.split(/(^|\s)[;#]/)[0] ?? '').trim();
    if (trimmed === '') return;
    const report = (message: string): void => {
      problems.push(profile === undefined ? { line, message } : { line, message, profile });
    };
    if (trimmed.startsWith('[')) {
      inSubSection = false;
      if (!trimmed.endsWith(']')) {
        // The SDK does not see a header here, so the lines below still land in the section above.
        report('Section header is not closed with ]: the lines below it still count for the section above');
        return;
      }
      const name = trimmed.slice(1, -1);
      inSection = true;
      profile = profileOfSection(role, name);
      const problem = sectionProblem(role, name);
      if (problem) report(problem);
      return;
    }
    if (!inSection) {
      report('Line is outside any [section]');
      return;
    }
    const equals = trimmed.indexOf('=');
    if (equals <= 0) {
      report('Expected "key = value"');
      return;
    }
    const indented = raw.trimStart() !== raw;
    if (trimmed.slice(equals + 1).trim() === '') inSubSection = true;
    else if (!indented) inSubSection = false;
    else if (!inSubSection) report('Indented line continues nothing: remove the indentation or start a sub-section');
  });
  return problems;
}

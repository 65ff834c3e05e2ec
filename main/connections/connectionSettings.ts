// The small settings the connections layer keeps: the last connection used and per-connection region
// overrides. Values are JSON under fixed keys of the settings store.
import { z } from 'zod';
import { safeJson } from './safeJson';
import type { SettingsStore } from '../storage/settingsStore';

const LAST_ACTIVE_KEY = 'connections.lastActive';
const REGION_OVERRIDES_KEY = 'connections.regionOverrides';

export function rememberedActive(settings: SettingsStore): string | undefined {
  return settings.get(LAST_ACTIVE_KEY);
}

export function rememberActive(settings: SettingsStore, id: string): void {
  settings.set(LAST_ACTIVE_KEY, id);
}

const Overrides = z.record(z.string(), z.string());

export class RegionOverrides {
  private readonly map: Map<string, string>;

  constructor(private readonly settings: SettingsStore) {
    const parsed = Overrides.safeParse(safeJson(settings.get(REGION_OVERRIDES_KEY)));
    this.map = new Map(parsed.success ? Object.entries(parsed.data) : []);
  }

  get(id: string): string | undefined {
    return this.map.get(id);
  }

  set(id: string, region: string | null): void {
    if (region === null) this.map.delete(id);
    else this.map.set(id, region);
    this.settings.set(REGION_OVERRIDES_KEY, JSON.stringify(Object.fromEntries(this.map)));
  }
}

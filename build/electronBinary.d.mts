export function findElectronBinary(root: string): { path: string } | { missing: string };
export function downloadElectronBinary(root: string): { ok: true } | { ok: false; reason: string };

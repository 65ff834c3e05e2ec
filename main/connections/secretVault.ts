// Where custom connections' secrets are kept at rest. Electron's safeStorage (OS keychain) implements this
// in the shell; plain Node has no vault, so secrets live only in memory and the user re-enters them.
export interface SecretVault {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export const NO_VAULT: SecretVault = {
  available: () => false,
  encrypt: () => {
    throw new Error('No secret vault is available');
  },
  decrypt: () => {
    throw new Error('No secret vault is available');
  },
};

// The connections service: which connections exist, which one is active, their health, and the SDK
// clients of the active one. Switching happens at run time; the rpc layer forwards this service's events.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  AddCustomConnectionInput,
  MfaAnswerInput,
  RemoveCustomConnectionInput,
  SetRegionInput,
  UpdateCustomConnectionInput,
  type AwsConfigProblem,
  type ConnectionEvent,
  type ConnectionHealth,
  type ConnectionSummary,
  type ConnectionsState,
  type CustomCredentialsInput,
  type HealthResult,
  type MfaPrompt,
} from '../../shared/contract/connections';
import type { SettingsStore } from '../storage/settingsStore';
import { createClients, type ConnectionClients } from './clientFactory';
import { effectiveRegion, LOCAL_ID, profileConnectionId, summarize, type Connection } from './connectionModel';
import { connectionTarget, type TargetResult } from './connectionTargets';
import { ConnectionsError } from './connectionsError';
import { CustomConnectionStore, type CustomConnection, type CustomCredentials } from './customConnections';
import { checkHealth } from './healthCheck';
import { Listeners } from './listeners';
import { MfaPrompts } from './mfaPrompts';
import { awsConfigPaths, discoverProfiles, type AwsConfigPaths, type ProfileInfo } from './profileDiscovery';
import { NO_VAULT, type SecretVault } from './secretVault';
import { RegionOverrides, rememberedActive, rememberActive } from './connectionSettings';

export interface ConnectionManagerOptions {
  settings: SettingsStore;
  /** Electron's safeStorage in the shell; without it secrets stay in memory only. */
  vault?: SecretVault;
  /** The local engine's endpoint, when it is already running (else call setLocalEndpoint later). */
  localEndpoint?: string;
  /** Where the AWS files are; by default from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws. */
  awsPaths?: () => AwsConfigPaths;
  /** Run a health check of the new connection after each switch (default true). */
  checkOnSwitch?: boolean;
  mfaTimeoutMs?: number;
}

const MFA_TIMEOUT_MS = 5 * 60 * 1000;

export class ConnectionManager {
  private readonly events = new Listeners<ConnectionEvent>();
  private readonly customStore: CustomConnectionStore;
  private readonly overrides: RegionOverrides;
  private readonly mfa: MfaPrompts;
  private readonly health = new Map<string, ConnectionHealth>();
  /** Bumped whenever a connection changes, so a health result from before the change is dropped. */
  private readonly generation = new Map<string, number>();
  private customs = new Map<string, CustomConnection>();
  private profiles: ProfileInfo[] = [];
  private problems: AwsConfigProblem[] = [];
  private paths: AwsConfigPaths;
  private activeIdValue: string = LOCAL_ID;
  private localEndpoint: string | undefined;
  private cached: { id: string; clients: ConnectionClients } | undefined;
  private closed = false;

  private constructor(private readonly options: ConnectionManagerOptions) {
    this.customStore = new CustomConnectionStore(options.settings, options.vault ?? NO_VAULT);
    this.overrides = new RegionOverrides(options.settings);
    this.localEndpoint = options.localEndpoint;
    this.paths = (options.awsPaths ?? awsConfigPaths)();
    this.mfa = new MfaPrompts(
      (prompt) => this.events.emit({ type: 'mfa-prompt', prompt }),
      (promptId) => this.events.emit({ type: 'mfa-prompt-closed', promptId }),
      options.mfaTimeoutMs ?? MFA_TIMEOUT_MS,
    );
  }

  /** Reads the AWS files and the saved custom connections, and restores the last connection used. */
  static async open(options: ConnectionManagerOptions): Promise<ConnectionManager> {
    const manager = new ConnectionManager(options);
    manager.customs = new Map(manager.customStore.load().map((c) => [c.id, c]));
    await manager.loadProfiles();
    const remembered = rememberedActive(options.settings);
    manager.activeIdValue = remembered && manager.find(remembered) ? remembered : LOCAL_ID;
    return manager;
  }

  on(listener: (event: ConnectionEvent) => void): () => void {
    return this.events.add(listener);
  }

  // ---- reading ----

  state(): ConnectionsState {
    return { connections: this.list(), activeId: this.activeIdValue, configProblems: this.problems };
  }

  list(): ConnectionSummary[] {
    return this.all().map((c) => this.summaryOf(c));
  }

  activeId(): string {
    return this.activeIdValue;
  }

  summary(id: string): ConnectionSummary {
    return this.summaryOf(this.get(id));
  }

  pendingMfaPrompts(): MfaPrompt[] {
    return this.mfa.open();
  }

  /** The SDK clients of the active connection, built on first use and kept until it changes. */
  clients(): ConnectionClients {
    const id = this.activeIdValue;
    if (this.cached?.id === id) return this.cached.clients;
    const result = this.target(this.get(id), true);
    if (!result.ok) throw new ConnectionsError('ConnectionUnavailable', result.failure.message);
    const clients = createClients(result.target, result.context);
    this.cached = { id, clients };
    return clients;
  }

  /**
   * SDK clients for any connection, built with the same credential handling as the active one: a custom
   * connection's static secret (from the vault or memory), profiles through the SDK's chain, and MFA profiles
   * asking for a code through the usual prompt (tail replay reads from one connection and writes to another).
   * For the active connection these are its shared clients and dispose() does nothing; for another they are
   * fresh, and the caller must dispose() them. Refused (ConnectionUnavailable) like clients() when the
   * connection cannot be used yet (engine not running, a secret to re-enter, a broken profile).
   */
  clientsFor(id: string): { clients: ConnectionClients; dispose(): void } {
    if (id === this.activeIdValue) return { clients: this.clients(), dispose: () => undefined };
    const result = this.target(this.get(id), true);
    if (!result.ok) throw new ConnectionsError('ConnectionUnavailable', result.failure.message);
    const clients = createClients(result.target, result.context);
    return { clients, dispose: () => clients.dispose() };
  }

  // ---- changing ----

  async switchTo(id: string): Promise<ConnectionSummary> {
    const connection = this.get(id);
    if (id !== this.activeIdValue) {
      this.dropClients();
      this.mfa.cancelFor(this.activeIdValue);
      this.activeIdValue = id;
      rememberActive(this.options.settings, id);
      this.events.emit({ type: 'active-changed', activeId: id });
    }
    if (this.options.checkOnSwitch ?? true) void this.checkHealth(id).catch(() => undefined);
    return this.summaryOf(connection);
  }

  /** Re-reads the AWS files (after the user edited them or ran `aws sso login`). */
  async refreshProfiles(): Promise<ConnectionsState> {
    this.paths = (this.options.awsPaths ?? awsConfigPaths)();
    await this.loadProfiles();
    for (const p of this.profiles) this.touch(profileConnectionId(p.name));
    if (!this.find(this.activeIdValue)) await this.switchTo(LOCAL_ID);
    this.emitState();
    return this.state();
  }

  addCustom(input: AddCustomConnectionInput): ConnectionSummary {
    const valid = parse(AddCustomConnectionInput, input);
    const custom: CustomConnection = {
      id: `custom:${randomUUID()}`,
      name: valid.name,
      endpoint: valid.endpoint,
      region: valid.region,
      credentials: this.credentialsFrom(valid.credentials),
      createdMs: Date.now(),
    };
    this.customStore.save(custom);
    this.customs.set(custom.id, custom);
    this.emitState();
    return this.summary(custom.id);
  }

  updateCustom(input: UpdateCustomConnectionInput): ConnectionSummary {
    const valid = parse(UpdateCustomConnectionInput, input);
    const old = this.getCustom(valid.id);
    const custom: CustomConnection = {
      ...old,
      name: valid.name ?? old.name,
      endpoint: valid.endpoint ?? old.endpoint,
      region: valid.region ?? old.region,
      credentials: valid.credentials ? this.credentialsFrom(valid.credentials) : old.credentials,
    };
    this.customStore.save(custom);
    this.customs.set(custom.id, custom);
    this.touch(custom.id);
    this.emitState();
    return this.summary(custom.id);
  }

  async removeCustom(input: RemoveCustomConnectionInput): Promise<void> {
    const { id } = parse(RemoveCustomConnectionInput, input);
    this.getCustom(id);
    if (this.activeIdValue === id) await this.switchTo(LOCAL_ID);
    this.customStore.remove(id);
    this.customs.delete(id);
    this.health.delete(id);
    this.emitState();
  }

  /** Profiles and the local engine keep an override (null clears it); a custom connection changes its own region. */
  setRegion(input: SetRegionInput): ConnectionSummary {
    const { id, region } = parse(SetRegionInput, input);
    const connection = this.get(id);
    if (connection.kind === 'custom') {
      if (region === null) throw new ConnectionsError('InvalidInput', 'A custom connection always has a region');
      return this.updateCustom({ id, region });
    }
    this.overrides.set(id, region);
    this.touch(id);
    this.emitState();
    return this.summary(id);
  }

  /** Called by whoever starts (or restarts) the engine. */
  setLocalEndpoint(endpoint: string | undefined): void {
    if (endpoint === this.localEndpoint) return;
    this.localEndpoint = endpoint;
    this.touch(LOCAL_ID);
    this.emitState();
  }

  answerMfa(input: MfaAnswerInput): boolean {
    const { promptId, code } = parse(MfaAnswerInput, input);
    return this.mfa.answer(promptId, code);
  }

  // ---- health ----

  /**
   * Checks one connection. The active one uses its own clients and may ask for an MFA code; any other is
   * checked with throwaway clients that never prompt (an MFA profile then reports 'mfa-required').
   */
  async checkHealth(id: string): Promise<ConnectionHealth> {
    const connection = this.get(id);
    const generation = this.generation.get(id) ?? 0;
    this.setHealth(id, { status: 'checking' }, generation);
    const interactive = id === this.activeIdValue;
    const result = this.target(connection, interactive);
    let health: ConnectionHealth;
    if (!result.ok) {
      health = { status: 'error', checkedAt: Date.now(), failure: result.failure };
    } else {
      const clients = interactive ? this.clients() : createClients(result.target, result.context);
      try {
        health = await checkHealth(clients, result.context);
      } finally {
        if (!interactive) clients.dispose();
      }
    }
    this.setHealth(id, health, generation);
    return health;
  }

  async checkAllHealth(): Promise<HealthResult[]> {
    return Promise.all(this.all().map(async (c) => ({ id: c.id, health: await this.checkHealth(c.id) })));
  }

  close(): void {
    this.closed = true;
    for (const prompt of this.mfa.open()) this.mfa.answer(prompt.promptId, null);
    this.dropClients();
    this.events.clear();
  }

  // ---- internals ----

  private all(): Connection[] {
    const local: Connection = { kind: 'local', id: LOCAL_ID };
    const profiles = this.profiles.map((profile): Connection => ({ kind: 'profile', id: profileConnectionId(profile.name), profile }));
    const customs = [...this.customs.values()].map((custom): Connection => ({ kind: 'custom', id: custom.id, custom }));
    return [local, ...profiles, ...customs];
  }

  private find(id: string): Connection | undefined {
    return this.all().find((c) => c.id === id);
  }

  private get(id: string): Connection {
    const connection = this.find(id);
    if (!connection) throw new ConnectionsError('ConnectionNotFound', `No connection with id ${id}`);
    return connection;
  }

  private getCustom(id: string): CustomConnection {
    const connection = this.get(id);
    if (connection.kind !== 'custom') throw new ConnectionsError('NotACustomConnection', `${id} is not a custom connection`);
    return connection.custom;
  }

  private summaryOf(connection: Connection): ConnectionSummary {
    return summarize(connection, {
      region: effectiveRegion(connection, this.overrides.get(connection.id)),
      localEndpoint: this.localEndpoint,
      health: this.health.get(connection.id) ?? { status: 'unchecked' },
    });
  }

  private target(connection: Connection, interactive: boolean): TargetResult {
    const { region } = effectiveRegion(connection, this.overrides.get(connection.id));
    return connectionTarget(connection, {
      region,
      localEndpoint: this.localEndpoint,
      paths: this.paths,
      ...(interactive ? { mfaCode: (profile: string) => this.mfa.providerFor(connection.id, profile) } : {}),
    });
  }

  private credentialsFrom(input: CustomCredentialsInput): CustomCredentials {
    switch (input.type) {
      case 'none':
        return { type: 'none' };
      case 'static': {
        const { accessKeyId, secretAccessKey, sessionToken } = input;
        return { type: 'static', secret: sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey } };
      }
      case 'profile':
        if (!this.profiles.some((p) => p.name === input.profile)) {
          throw new ConnectionsError('ProfileNotFound', `There is no AWS profile named "${input.profile}"`);
        }
        return { type: 'profile', profile: input.profile };
    }
  }

  private async loadProfiles(): Promise<void> {
    const discovery = await discoverProfiles(this.paths);
    this.profiles = discovery.profiles;
    this.problems = discovery.problems;
  }

  /** A connection's settings changed: its clients and health are stale. */
  private touch(id: string): void {
    this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
    this.health.delete(id);
    if (this.cached?.id === id) this.dropClients();
  }

  private dropClients(): void {
    this.cached?.clients.dispose();
    this.cached = undefined;
  }

  private setHealth(id: string, health: ConnectionHealth, generation: number): void {
    if (this.closed || (this.generation.get(id) ?? 0) !== generation || !this.find(id)) return;
    this.health.set(id, health);
    this.events.emit({ type: 'health-changed', id, health });
  }

  private emitState(): void {
    this.events.emit({ type: 'connections-changed', state: this.state() });
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; ');
  throw new ConnectionsError('InvalidInput', detail);
}

// The contract between main and the renderer. A new feature adds entries here (e.g. `streams.list`,
// `tail.records`), a handler in main, and calls in the renderer; the dispatcher and transports stay as they are.
// Feature fragments (streams, producers, tail, engine) live in their own files and are spread in below.
import { z } from 'zod';
import { analyticsCommands, analyticsSubscriptions } from './analytics';
import { appInfoSchema, engineStatusSchema } from './app';
import {
  AddCustomConnectionInput,
  ConnectionEvent,
  CheckHealthInput,
  ConnectionSummary,
  ConnectionsState,
  HealthResult,
  MfaAnswerInput,
  MfaPrompt,
  RemoveCustomConnectionInput,
  SetRegionInput,
  SwitchConnectionInput,
  UpdateCustomConnectionInput,
} from './connections';
import { defineContract, type CommandSpec, type EventSpec } from './define';
import { engineCommands, engineSubscriptions } from './engine';
import { firehoseCommands } from './firehose';
import { metricsCommands } from './metrics';
import { producersCommands, producersSubscriptions } from './producers';
import { reshardCommands, reshardSubscriptions } from './reshard';
import { streamsCommands, streamsSubscriptions } from './streams';
import { tailCommands, tailSubscriptions } from './tail';

const noParams = z.strictObject({});

/** What the connections screen loads first: the state, plus the MFA prompts already waiting for an answer. */
export const ConnectionsSnapshot = ConnectionsState.extend({ mfaPrompts: z.array(MfaPrompt) });
export type ConnectionsSnapshot = z.infer<typeof ConnectionsSnapshot>;

// The input schemas are shared with the connections service, which accepts extra keys; at the RPC boundary
// unknown keys are refused like everywhere else in the contract.
export const connectionsCommands = {
  'connections.state': {
    description: 'Every connection (local engine, ~/.aws profiles, custom endpoints) with health, the active one, problems in the AWS files, and pending MFA prompts.',
    params: noParams,
    result: ConnectionsSnapshot,
  },
  'connections.switch': {
    description: 'Makes a connection the active one (remembered across restarts) and answers the new state; its health is checked in the background.',
    params: z.strictObject(SwitchConnectionInput.shape),
    result: ConnectionsState,
  },
  'connections.checkHealth': {
    description: 'Checks one connection: credentials, sts:GetCallerIdentity for profiles, then ListStreams.',
    params: z.strictObject(CheckHealthInput.shape),
    result: HealthResult,
  },
  'connections.checkAllHealth': {
    description: 'Checks every connection at once (non-active MFA profiles report mfa-required instead of prompting).',
    params: noParams,
    result: z.strictObject({ results: z.array(HealthResult) }),
  },
  'connections.addCustom': {
    description: 'Adds a custom-endpoint connection (LocalStack, kinesalite, a proxy). Secrets go to the OS keychain when there is one.',
    params: z.strictObject(AddCustomConnectionInput.shape),
    result: ConnectionSummary,
  },
  'connections.updateCustom': {
    description: 'Changes a custom connection; credentials, when given, replace the old ones (re-entering a secret).',
    params: z.strictObject(UpdateCustomConnectionInput.shape),
    result: ConnectionSummary,
  },
  'connections.removeCustom': {
    description: 'Removes a custom connection (switching to the local engine first if it was active).',
    params: z.strictObject(RemoveCustomConnectionInput.shape),
    result: ConnectionsState,
  },
  'connections.setRegion': {
    description: "Overrides a profile's or the local engine's region (null clears it), or sets a custom connection's region.",
    params: z.strictObject(SetRegionInput.shape),
    result: ConnectionSummary,
  },
  'connections.refreshProfiles': {
    description: 'Re-reads the AWS config and credentials files (after editing them or `aws sso login`).',
    params: noParams,
    result: ConnectionsState,
  },
  'connections.answerMfa': {
    description: 'Answers an MFA prompt with a six-digit code, or null to cancel; accepted is false when the prompt is gone.',
    params: z.strictObject(MfaAnswerInput.shape),
    result: z.strictObject({ accepted: z.boolean() }),
  },
} as const satisfies Record<string, CommandSpec>;

export const connectionsEvents = {
  'connections.event': {
    description:
      'Every change of the connections, in order: connections-changed (full state), active-changed (screens reload), health-changed, mfa-prompt (answer with connections.answerMfa) and mfa-prompt-closed.',
    payload: ConnectionEvent,
  },
} as const satisfies Record<string, EventSpec>;

export const contract = defineContract({
  commands: {
    'app.info': {
      description: 'Version, data directory, transport and platform of the running app.',
      params: noParams,
      result: appInfoSchema,
    },
    'engine.status': {
      description: 'State of the local Kinesis engine and its endpoint.',
      params: noParams,
      result: engineStatusSchema,
    },
    ...connectionsCommands,
    ...streamsCommands,
    ...producersCommands,
    ...tailCommands,
    ...analyticsCommands,
    ...engineCommands,
    ...reshardCommands,
    ...metricsCommands,
    ...firehoseCommands,
  },
  subscriptions: {
    'diag.count': {
      description:
        'Consecutive integers from `from`, as fast as the client takes them: a transport check for throughput and flow control.',
      params: z.strictObject({
        from: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        /** Stop after this many items; without it the count runs until unsubscribed. */
        limit: z.number().int().min(1).max(1_000_000_000).optional(),
      }),
      item: z.strictObject({ n: z.number().int() }),
    },
    ...streamsSubscriptions,
    ...producersSubscriptions,
    ...tailSubscriptions,
    ...engineSubscriptions,
    ...reshardSubscriptions,
    ...analyticsSubscriptions,
  },
  events: {
    'engine.status': {
      description: 'Sent to every client whenever the local engine changes state.',
      payload: engineStatusSchema,
    },
    ...connectionsEvents,
  },
});

export type AppContract = typeof contract;

// The configured processors, read from ProcessingConfiguration and run in AWS's pipeline order whatever order
// they are listed in: KPL de-aggregation (Kinesis source), RecordDeAggregation, Lambda, MetadataExtraction,
// AppendDelimiterToRecord.
import type { ProcessingConfiguration, Processor, ProcessorParameterName } from '../config/schemas';
import type { DeliveryContext } from '../context';
import type { FailedRecord, PipelineRecord } from '../records';
import { deaggregateKpl, deaggregateRecords, type SubRecordType } from './deaggregation';
import { applyLambdaResponse, checkLambdaResponse, invocationBatches, lambdaEvent, LambdaResponseError } from './lambdaContract';
import type { LambdaInvoker } from './lambdaInvokers';
import { extractMetadata } from './metadataExtraction';

export interface LambdaProcessorConfig {
  arn: string;
  retries: number;
  bufferSizeMB?: number;
  bufferIntervalSeconds?: number;
}

export interface ProcessorChain {
  deaggregation?: SubRecordType;
  lambda?: LambdaProcessorConfig;
  metadataQuery?: string;
  appendDelimiter: boolean;
}

export class ProcessorConfigError extends Error {
  readonly code = 'InvalidArgumentException';
}

function param(processor: Processor, name: ProcessorParameterName): string | undefined {
  return processor.Parameters?.find((p) => p.ParameterName === name)?.ParameterValue;
}

function numberParam(processor: Processor, name: ProcessorParameterName, min: number, max: number): number | undefined {
  const text = param(processor, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new ProcessorConfigError(`${processor.Type} parameter ${name} must be a number from ${min} to ${max}, not '${text}'.`);
  return value;
}

export function readProcessorChain(config: ProcessingConfiguration | undefined): ProcessorChain {
  const chain: ProcessorChain = { appendDelimiter: false };
  if (!config?.Enabled) return chain;
  for (const processor of config.Processors ?? []) {
    switch (processor.Type) {
      case 'RecordDeAggregation': {
        const type = param(processor, 'SubRecordType') ?? 'JSON';
        if (type === 'JSON') chain.deaggregation = { type: 'JSON' };
        else if (type === 'DELIMITED') chain.deaggregation = { type: 'DELIMITED', delimiter: new Uint8Array(Buffer.from(param(processor, 'Delimiter') ?? '', 'base64')) };
        else throw new ProcessorConfigError(`RecordDeAggregation SubRecordType must be JSON or DELIMITED, not '${type}'.`);
        break;
      }
      case 'Lambda': {
        const arn = param(processor, 'LambdaArn');
        if (!arn) throw new ProcessorConfigError('The Lambda processor needs a LambdaArn parameter.');
        const lambda: LambdaProcessorConfig = { arn, retries: numberParam(processor, 'NumberOfRetries', 0, 300) ?? 3 };
        const size = numberParam(processor, 'BufferSizeInMBs', 0.2, 3);
        const interval = numberParam(processor, 'BufferIntervalInSeconds', 60, 900);
        if (size !== undefined) lambda.bufferSizeMB = size;
        if (interval !== undefined) lambda.bufferIntervalSeconds = interval;
        chain.lambda = lambda;
        break;
      }
      case 'MetadataExtraction': {
        const query = param(processor, 'MetadataExtractionQuery');
        if (!query) throw new ProcessorConfigError('The MetadataExtraction processor needs a MetadataExtractionQuery parameter.');
        const engine = param(processor, 'JsonParsingEngine') ?? 'JQ-1.6';
        if (engine !== 'JQ-1.6') throw new ProcessorConfigError(`JsonParsingEngine must be JQ-1.6, not '${engine}'.`);
        chain.metadataQuery = query;
        break;
      }
      case 'AppendDelimiterToRecord':
        chain.appendDelimiter = true;
        break;
      default:
        throw new ProcessorConfigError(`The ${processor.Type} processor is not emulated by the local delivery.`);
    }
  }
  return chain;
}

export interface ProcessorOutcome {
  records: PipelineRecord[];
  failed: FailedRecord[];
  dropped: number;
}

const NEWLINE = Uint8Array.of(0x0a);

export async function runProcessors(input: PipelineRecord[], chain: ProcessorChain, ctx: DeliveryContext, invoker: LambdaInvoker | undefined): Promise<ProcessorOutcome> {
  const out: ProcessorOutcome = { records: input, failed: [], dropped: 0 };
  const now = () => ctx.timeline.now();
  if (ctx.identity.sourceKinesisStreamArn) out.records = deaggregateKpl(out.records).records;
  if (chain.deaggregation) {
    const step = deaggregateRecords(out.records, chain.deaggregation, now());
    out.records = step.records;
    out.failed.push(...step.failed);
  }
  if (chain.lambda && out.records.length) {
    const next: PipelineRecord[] = [];
    for (const batch of invocationBatches(out.records)) {
      const step = await invokeLambda(batch, chain.lambda, ctx, invoker);
      next.push(...step.records);
      out.failed.push(...step.failed);
      out.dropped += step.dropped;
    }
    out.records = next;
  }
  if (chain.metadataQuery && out.records.length) {
    const step = await extractMetadata(out.records, chain.metadataQuery, now());
    out.records = step.records;
    out.failed.push(...step.failed);
  }
  if (chain.appendDelimiter) {
    out.records = out.records.map((r) => {
      const data = new Uint8Array(r.data.length + 1);
      data.set(r.data);
      data.set(NEWLINE, r.data.length);
      return { ...r, data };
    });
  }
  return out;
}

async function invokeLambda(records: PipelineRecord[], lambda: LambdaProcessorConfig, ctx: DeliveryContext, invoker: LambdaInvoker | undefined): Promise<ProcessorOutcome> {
  const invocationId = ctx.random.uuid();
  const event = lambdaEvent({ invocationId, deliveryStreamArn: ctx.identity.DeliveryStreamARN, sourceKinesisStreamArn: ctx.identity.sourceKinesisStreamArn, region: ctx.identity.region }, records);
  const payload = new TextEncoder().encode(JSON.stringify(event));
  let errorCode = 'Lambda.InvokeFailed';
  let errorMessage = 'No Lambda invoker is configured for this delivery stream.';
  const attempts = lambda.retries + 1;
  for (let attempt = 1; attempt <= attempts && invoker; attempt++) {
    const atMs = ctx.timeline.now();
    try {
      const result = await invoker.invoke(lambda.arn, payload);
      const responseText = result.payload ? new TextDecoder().decode(result.payload) : undefined;
      if (result.functionError) {
        errorCode = 'Lambda.FunctionError';
        errorMessage = `The Lambda function was successfully invoked but it returned an error result: ${result.errorMessage ?? result.functionError}`;
      } else {
        try {
          const response = checkLambdaResponse(result.payload ?? new Uint8Array(), records);
          ctx.emit({ type: 'lambda', invocationId, attempt, event, ...(responseText !== undefined ? { response: responseText } : {}), atMs });
          return applyLambdaResponse(records, response, lambda.arn, attempt, ctx.timeline.now());
        } catch (error) {
          if (!(error instanceof LambdaResponseError)) throw error;
          errorCode = error.errorCode;
          errorMessage = error.message;
        }
      }
      ctx.emit({ type: 'lambda', invocationId, attempt, event, ...(responseText !== undefined ? { response: responseText } : {}), errorCode, errorMessage, atMs });
    } catch (error) {
      errorCode = invokeErrorCode(error);
      errorMessage = (error as Error).message;
      ctx.emit({ type: 'lambda', invocationId, attempt, event, errorCode, errorMessage, atMs });
    }
  }
  const atMs = ctx.timeline.now();
  return {
    records: [],
    dropped: 0,
    failed: records.map((record) => ({ record, errorCode, errorMessage, attemptsMade: invoker ? attempts : 0, attemptEndingMs: atMs, extra: { lambdaArn: lambda.arn } })),
  };
}

/** Firehose's error codes for an invocation Lambda refused (the guide names these); others are Lambda.InvokeFailed. */
const INVOKE_ERROR_CODES: Readonly<Record<string, string>> = {
  ResourceNotFoundException: 'Lambda.ResourceNotFound',
  AccessDeniedException: 'Lambda.InvokeAccessDenied',
  TooManyRequestsException: 'Lambda.InvokeLimitExceeded',
};

function invokeErrorCode(error: unknown): string {
  return (error instanceof Error && INVOKE_ERROR_CODES[error.name]) || 'Lambda.InvokeFailed';
}

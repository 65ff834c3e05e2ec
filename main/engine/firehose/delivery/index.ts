// The Firehose delivery core's public surface: what the Firehose API actions and the preview build on.
export { createDeliveryPipeline, MAX_ACTIVE_PARTITIONS } from './pipeline';
export type { DeliveryPipeline, PipelineDeps, PipelineState, PipelineCounters, LaneBufferView } from './pipeline';
export { checkDeliveryConfig, validateDeliveryConfig, DeliveryConfigError } from './configRules';
export * from './config/schemas';
export type { DeliveryEvent, LaneName, ObjectRole } from './events';
export type { IncomingRecord, KinesisRecordMetadata } from './records';
export { systemTimeline, VirtualTimeline, type Timeline } from './timeline';
export { combineSink, TransportError, type DeliverySink, type ObjectStore, type HttpTransport, type StoredObject, type OutgoingRequest, type IncomingResponse } from './sink';
export { RecordingSink, type RecordedExchange, type Responder } from './recordingSink';
export { previewDelivery, echoLambdaInvoker, type PreviewOptions, type PreviewRecord, type PreviewResult } from './preview';
export { fileObjectStore, objectPath, removeInterruptedWrites } from './s3/fileObjectStore';
export { s3ClientObjectStore, bucketName } from './s3/clientObjectStore';
export { nodeHttpTransport } from './http/nodeTransport';
export { sdkLambdaInvoker, moduleLambdaInvoker, type LambdaInvoker, type LambdaInvocation } from './processors/lambdaInvokers';
export { CONTENT_ENCODING, compressObject, decompressObject } from './compression/codecs';
export { DEFAULT_HINTS, destinationHints } from './buffering/hints';
export type { FlushReason } from './buffering/bufferSet';

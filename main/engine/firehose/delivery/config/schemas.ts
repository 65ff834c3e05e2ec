// The configuration shapes live in shared/contract, so the console's wizard and RPC validate with the same schemas
// the delivery core delivers with.
export * from '../../../../../shared/contract/firehoseConfig';

// What a shard-hour costs, for the plan's cost line. There is no price API the console can call without more
// permissions (the AWS Price List API needs pricing:GetProducts and answers from us-east-1 only), so the price is
// the published list price written here, and the plan says where it comes from and that it may be out of date.
import type { ShardHourPrice } from '../../../shared/domain/reshard/reshardPlanner';

/** Provisioned mode, US East (N. Virginia): the AWS Kinesis Data Streams pricing page, read in 2026. */
const US_EAST_1_SHARD_HOUR_USD = 0.015;
const PRICE_PAGE = 'https://aws.amazon.com/kinesis/data-streams/pricing/';

export function shardHourPrice(region: string, local: boolean): ShardHourPrice {
  const base = `AWS's list price for a provisioned shard-hour in us-east-1 (${PRICE_PAGE}, as read in 2026; prices change)`;
  if (local) return { price: US_EAST_1_SHARD_HOUR_USD, source: `${base}. The local engine costs nothing: this is what the same shards would cost on AWS.` };
  if (region === 'us-east-1') return { price: US_EAST_1_SHARD_HOUR_USD, source: `${base}.` };
  return { price: US_EAST_1_SHARD_HOUR_USD, source: `${base}; ${region}'s price may differ: check the pricing page.` };
}

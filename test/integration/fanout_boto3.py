"""boto3's subscribe_to_shard against the engine, for engine-fanout.test.ts.

usage: fanout_boto3.py ENDPOINT CONSUMER_ARN SHARD_ID TYPE [SEQUENCE_NUMBER]
Prints one JSON line per step: {"subscribed": true}, then one per event
({"records": [[sequence, data_base64, partition_key], ...], "continuation": ..., "behind": ..., "children": [...]}),
then {"end": true}; a refused call or an exception event prints {"error": code, "message": text}.
With TYPE=TWICE it subscribes LATEST, then again at once, and prints what the second call gives.
"""
import base64
import json
import sys

import boto3
from botocore.exceptions import ClientError, EventStreamError


def out(value):
    print(json.dumps(value), flush=True)


def main():
    endpoint, consumer_arn, shard_id, kind = sys.argv[1:5]
    client = boto3.client(
        'kinesis', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret'
    )
    position = {'Type': 'LATEST' if kind == 'TWICE' else kind}
    if len(sys.argv) > 5:
        position['SequenceNumber'] = sys.argv[5]
    try:
        response = client.subscribe_to_shard(ConsumerARN=consumer_arn, ShardId=shard_id, StartingPosition=position)
        out({'subscribed': True})
        if kind == 'TWICE':
            client.subscribe_to_shard(ConsumerARN=consumer_arn, ShardId=shard_id, StartingPosition=position)
            out({'second': 'accepted'})
            return
        for event in response['EventStream']:
            body = event['SubscribeToShardEvent']
            out({
                'records': [[r['SequenceNumber'], base64.b64encode(r['Data']).decode(), r['PartitionKey']] for r in body['Records']],
                'continuation': body.get('ContinuationSequenceNumber'),
                'behind': body['MillisBehindLatest'],
                'children': [c['ShardId'] for c in body.get('ChildShards', [])],
            })
        out({'end': True})
    except (ClientError, EventStreamError) as error:
        out({'error': error.response['Error']['Code'], 'message': error.response['Error']['Message']})


main()

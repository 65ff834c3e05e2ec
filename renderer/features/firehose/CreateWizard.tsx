// The create wizard (local engine): name, source, destination and its settings, processors. It validates with the
// service model's schemas as the user types, shows the exact CreateDeliveryStream request beside the form, and
// shows the engine's own error text when the engine refuses (its rules are AWS's).
import { useEffect, useState, type ReactNode } from 'react';
import type { AppClient } from '../../api/connect';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { useAction } from '../../components/useAction';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { buildRequest, checkRequest, COMPRESSIONS, DESTINATIONS, emptyForm, type WizardForm } from './createRequest';
import { bumpDeliveryStreams, patchFirehoseUi } from './firehoseUi';

type Set = <K extends keyof WizardForm>(key: K, value: WizardForm[K]) => void;

function Text({ form, set, name, label, hint, mono = true }: { form: WizardForm; set: Set; name: keyof WizardForm; label: string; hint?: ReactNode; mono?: boolean }) {
  const value = form[name];
  if (typeof value !== 'string') return null;
  return (
    <Field label={label} hint={hint}>
      {(props) => <input {...props} className={`input${mono ? ' mono' : ''}`} value={value} onChange={(e) => set(name, e.target.value as never)} />}
    </Field>
  );
}

export function CreateWizard({ client, onClose }: { client: AppClient; onClose(): void }) {
  const region = activeConnection(useStore(connectionsStore))?.region ?? 'us-east-1';
  const [form, setForm] = useState<WizardForm>(emptyForm);
  const [streams, setStreams] = useState<string[] | null>(null);
  const action = useAction();
  const set: Set = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => {
    client
      .call('streams.list', { limit: 1000 })
      .then((r) => setStreams(r.streams.map((s) => s.name)))
      .catch(() => setStreams([]));
  }, [client]);
  const checked = checkRequest(form, region);
  const shown = JSON.stringify(checked.request ?? buildRequest(form, region), null, 2);
  const submit = () => {
    const request = checked.request;
    if (!request || checked.nameProblem) return;
    const modulePath = form.lambdaModulePath.trim();
    void action.run(
      () => client.call('firehose.create', { request, lambdaModules: modulePath ? [{ functionArn: form.lambdaArn.trim(), modulePath }] : [] }),
      () => {
        bumpDeliveryStreams();
        patchFirehoseUi({ creating: false, open: request.DeliveryStreamName });
      },
    );
  };
  const s3Like = form.destination === 'ExtendedS3' || form.destination === 'S3' || form.destination === 'Redshift';
  const extended = form.destination === 'ExtendedS3';
  return (
    <Dialog
      title="Create delivery stream"
      wide
      onClose={onClose}
      busy={action.busy}
      onSubmit={submit}
      testId="fh-create"
      actions={<DialogButtons busy={action.busy} busyLabel="Creating…" label="Create on the local engine" disabled={!checked.request || !!checked.nameProblem} onCancel={onClose} />}
    >
      <div className="fh-wizard">
        <div className="stack fh-wizard-form">
          <Field label="Name" problem={form.name ? checked.nameProblem : null} hint="1–64 letters, digits, underscores, dots or hyphens.">
            {(props) => <input {...props} className="input mono" value={form.name} onChange={(e) => set('name', e.target.value)} data-autofocus />}
          </Field>
          <fieldset className="choice">
            <legend>Source</legend>
            <Segmented label="Source" value={form.source} onChange={(v) => set('source', v)} options={[{ id: 'DirectPut', label: 'Direct PUT' }, { id: 'KinesisStreamAsSource', label: 'Kinesis stream' }]} />
            {form.source === 'KinesisStreamAsSource' ? (
              <Field label="Kinesis stream of the local engine" hint={streams && streams.length === 0 ? 'The local engine has no streams: create one on the Streams screen.' : 'Delivery reads what is written from now on.'}>
                {(props) => (
                  <select {...props} className="input" value={form.sourceStream} onChange={(e) => set('sourceStream', e.target.value)}>
                    <option value="">Pick a stream…</option>
                    {(streams ?? []).map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
          </fieldset>
          <fieldset className="choice">
            <legend>Destination</legend>
            <Segmented label="Destination" value={form.destination} onChange={(v) => set('destination', v)} options={DESTINATIONS} />
            {form.destination === 'HttpEndpoint' ? (
              <>
                <Text form={form} set={set} name="url" label="Endpoint URL" hint="https://, or http:// to a loopback host locally." />
                <Text form={form} set={set} name="accessKey" label="Access key (optional)" hint="Sent as X-Amz-Firehose-Access-Key." />
              </>
            ) : null}
            {form.destination === 'OpenSearch' ? (
              <>
                <Text form={form} set={set} name="clusterEndpoint" label="Cluster endpoint" />
                <Text form={form} set={set} name="indexName" label="Index" />
                <Segmented label="Index rotation" value={form.indexRotation} onChange={(v) => set('indexRotation', v)} options={(['NoRotation', 'OneHour', 'OneDay', 'OneWeek', 'OneMonth'] as const).map((id) => ({ id, label: id }))} />
              </>
            ) : null}
            {form.destination === 'Splunk' ? (
              <>
                <Text form={form} set={set} name="hecEndpoint" label="HEC endpoint" />
                <Segmented label="HEC endpoint type" value={form.hecType} onChange={(v) => set('hecType', v)} options={[{ id: 'Raw', label: 'Raw' }, { id: 'Event', label: 'Event' }]} />
                <Text form={form} set={set} name="hecToken" label="HEC token" />
              </>
            ) : null}
            {form.destination === 'Redshift' ? (
              <>
                <Text form={form} set={set} name="jdbcUrl" label="Cluster JDBC URL" hint="No Redshift is reached: the manifest is delivered and the COPY is shown (a reconstruction)." />
                <Text form={form} set={set} name="table" label="Table" />
                <Text form={form} set={set} name="copyOptions" label="COPY options" />
                <Text form={form} set={set} name="username" label="User name" />
                <Text form={form} set={set} name="password" label="Password" hint="At least 6 characters; never returned by Describe." />
              </>
            ) : null}
            <Text form={form} set={set} name="bucket" label={s3Like ? 'S3 bucket' : 'Backup S3 bucket'} hint="Locally a folder under the engine’s data folder: s3/<bucket>/<key>." />
            {s3Like ? <Text form={form} set={set} name="prefix" label="Prefix" hint="Without !{timestamp:…}, yyyy/MM/dd/HH/ is appended with no “/” inserted." /> : null}
            {form.destination !== 'Redshift' ? <Text form={form} set={set} name="errorPrefix" label="Error output prefix" hint="Required when the prefix has expressions; use !{firehose:error-output-type}." /> : null}
          </fieldset>
          <fieldset className="choice">
            <legend>Buffering and compression</legend>
            <div className="field-row">
              <Text form={form} set={set} name="sizeInMBs" label="Size (MiB)" hint="Empty: the default." />
              <Text form={form} set={set} name="intervalInSeconds" label="Interval (s)" hint="0 is zero buffering." />
            </div>
            {s3Like || form.destination === 'HttpEndpoint' ? (
              <Segmented label="Compression" value={form.compression} onChange={(v) => set('compression', v)} options={(form.destination === 'HttpEndpoint' ? (['UNCOMPRESSED', 'GZIP'] as const) : COMPRESSIONS).map((id) => ({ id, label: id === 'UNCOMPRESSED' ? 'None' : id }))} />
            ) : null}
          </fieldset>
          {form.destination !== 'S3' ? (
            <fieldset className="choice">
              <legend>Processors (run in AWS’s order)</legend>
              <Field label="Record de-aggregation">
                {(props) => (
                  <select {...props} className="input" value={form.deaggregation} onChange={(e) => set('deaggregation', e.target.value as WizardForm['deaggregation'])}>
                    <option value="">Off</option>
                    <option value="JSON">JSON objects</option>
                    <option value="DELIMITED">Delimited</option>
                  </select>
                )}
              </Field>
              {form.deaggregation === 'DELIMITED' ? <Text form={form} set={set} name="deaggregationDelimiter" label="Delimiter" hint="As text; sent base64-encoded." /> : null}
              <Text form={form} set={set} name="lambdaArn" label="Lambda function ARN (optional)" />
              <Text form={form} set={set} name="lambdaModulePath" label="Local JavaScript module for it (optional)" hint="Its handler(event, context) runs in a worker instead of calling the function (local engine only)." />
              {extended ? (
                <>
                  <Text form={form} set={set} name="metadataQuery" label="Metadata extraction (JQ)" hint='e.g. {customer: .customer_id}; use !{partitionKeyFromQuery:customer} in the prefix.' />
                  <label className="checkbox">
                    <input type="checkbox" checked={form.dynamicPartitioning} onChange={(e) => set('dynamicPartitioning', e.target.checked)} /> Dynamic partitioning (only at creation; never switched off)
                  </label>
                </>
              ) : null}
              <label className="checkbox">
                <input type="checkbox" checked={form.appendDelimiter} onChange={(e) => set('appendDelimiter', e.target.checked)} /> Append a newline to each record (otherwise records are concatenated with no delimiter)
              </label>
            </fieldset>
          ) : null}
        </div>
        <div className="stack fh-wizard-side">
          <h3 className="small">The request this sends</h3>
          <pre className="fh-code fh-request" data-testid="fh-request-json">
            {shown}
          </pre>
          {checked.problems.length ? (
            <ul className="field-problem" data-testid="fh-create-problems">
              {checked.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {action.error?.code === 'LambdaModuleNotSet' ? (
            <>
              <ErrorNote error={action.error} title="Created, but without the local module" testId="fh-create-error" />
              <button type="button" className="button" onClick={() => (bumpDeliveryStreams(), patchFirehoseUi({ creating: false, open: form.name.trim() }))}>
                Open {form.name.trim()}
              </button>
            </>
          ) : action.error ? (
            <ErrorNote error={action.error} title="The engine refused the request" testId="fh-create-error" />
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}

/** The field of how an ended dispute ended, shared by the dispute form and the status dialog. */
import { Form, Input } from 'antd';
import type { DisputeStatus } from '../../../src-main/contract';
import type { SchemaForm } from '../../lib/schema-rules';
import { ended } from './values';

/** How an ended dispute ended: the settlement, or where it was passed on and why (required then). */
export function ResolutionField({
  status,
  rows,
  form,
}: {
  status: DisputeStatus | undefined;
  rows: number;
  form: SchemaForm;
}) {
  if (!ended(status)) return null;
  const name = status === 'resolved' ? '化解情况' : '移交去向及理由';
  // required once ended: the contract's rule of an ending says so and words it (the mark only is the screen's)
  return (
    <Form.Item name="resolution" label={name} required rules={form.rules('resolution', name)}>
      <Input.TextArea aria-label={name} rows={rows} count={form.count('resolution')} />
    </Form.Item>
  );
}

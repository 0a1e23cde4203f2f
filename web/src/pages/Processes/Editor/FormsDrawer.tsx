import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { FormJsSchema } from '../../../../../contract';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { elementLabel, elementText } from '../../../lib/problems';
import { emptyForm, formIdProblem, formLabel, formRows, suggestFormId, type FormUse } from './diagramForms';

// form-js-editor is large: loaded when a form is first opened, not with the process editor.
const FormSchemaEditor = lazy(() => import('./FormSchemaEditor'));

interface Props {
  open: boolean;
  onClose: () => void;
  processKey?: string;
  /** Every form at hand: the base version's with the ones created or edited here over them. */
  forms: Readonly<Record<string, FormJsSchema>>;
  edited: ReadonlySet<string>;
  /** The diagram's steps that name a form, read when the drawer shows. */
  uses: () => FormUse[];
  /** A form created or changed here (the page keeps it for validate and deploy). */
  onFormChange: (formId: string, schema: FormJsSchema) => void;
}

/** The 表单 drawer: the forms of the diagram, each opened in the form editor; a new form created by id. */
export default function FormsDrawer({ open, onClose, processKey, forms, edited, uses, onFormChange }: Props) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [newId, setNewId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const allUses = open ? uses() : [];
  const rows = open ? formRows(forms, allUses, edited) : [];
  const ids = rows.map((r) => r.formId);
  // A form by the steps that show it (the id only as the hint, translate="no"): people read names.
  const nameOf = (formId: string) => formLabel(allUses.filter((u) => u.formId === formId), (u) => elementLabel({ ...u, elementName: u.name }, t), t);
  const idProblem = newId === null ? null : formIdProblem(newId, ids);

  const openForm = (formId: string) => {
    if (!Object.hasOwn(forms, formId)) onFormChange(formId, emptyForm(formId));
    setLoadError(null);
    setEditing(formId);
  };
  const create = () => {
    if (newId === null || idProblem) return;
    const id = newId.trim();
    setNewId(null);
    openForm(id);
  };

  return (
    <Drawer
      open={open}
      onClose={() => {
        setEditing(null);
        onClose();
      }}
      size={editing ? '92vw' : 520}
      destroyOnHidden
      title={
        editing ? (
          <Space>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => setEditing(null)} style={{ paddingInline: 0 }}>
              {t('formEditor.backToList')}
            </Button>
            <span title={editing} translate="no">
              <span translate="yes">{t('formEditor.editing', { form: nameOf(editing) })}</span>
            </span>
          </Space>
        ) : (
          t('formEditor.title')
        )
      }
    >
      {editing ? (
        <>
          {lang === 'zh-CN' && <Typography.Paragraph type="secondary">{t('formEditor.partlyEnglish')}</Typography.Paragraph>}
          {loadError && <Alert type="error" showIcon title={t('formEditor.loadFailed')} description={loadError} style={{ marginBottom: 8 }} />}
          <Suspense fallback={null}>
            <FormSchemaEditor key={editing} schema={forms[editing] ?? emptyForm(editing)} onChange={(s) => onFormChange(editing, s)} onError={setLoadError} />
          </Suspense>
        </>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('formEditor.intro')}</Typography.Paragraph>
          {rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={rows}
              renderItem={(row) => (
                <List.Item
                  actions={[
                    <Button key="edit" size="small" icon={row.missing ? <PlusOutlined /> : <EditOutlined />} onClick={() => openForm(row.formId)} aria-label={`${row.missing ? t('formEditor.createMissing') : t('formEditor.edit')} ${nameOf(row.formId)}`}>
                      {row.missing ? t('formEditor.createMissing') : t('formEditor.edit')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space size={4} wrap>
                        <Typography.Text strong title={row.formId} translate="no">
                          <span translate="yes">{nameOf(row.formId)}</span>
                        </Typography.Text>
                        {row.missing && <Tag color="red">{t('formEditor.missing')}</Tag>}
                        {row.edited && <Tag color="orange">{t('formEditor.edited')}</Tag>}
                      </Space>
                    }
                    description={row.uses.length ? t('formEditor.usedBy', { steps: row.uses.map((u) => elementText({ ...u, elementName: u.name }, t)).join('、') }) : t('formEditor.unused')}
                  />
                </List.Item>
              )}
            />
          )}
          {newId === null ? (
            <Button icon={<PlusOutlined />} onClick={() => setNewId(suggestFormId(processKey, ids))}>
              {t('formEditor.new')}
            </Button>
          ) : (
            <Form layout="vertical" onFinish={create}>
              <Form.Item label={t('formEditor.newId')} htmlFor="sw-new-form-id" extra={t('formEditor.newIdHint')} validateStatus={idProblem ? 'error' : undefined} help={idProblem ? t(`formEditor.${idProblem}` as MessageKey) : undefined}>
                <Input id="sw-new-form-id" value={newId} onChange={(e) => setNewId(e.target.value)} autoFocus maxLength={100} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" disabled={Boolean(idProblem)}>
                  {t('formEditor.create')}
                </Button>
                <Button onClick={() => setNewId(null)}>{t('common.cancel')}</Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}

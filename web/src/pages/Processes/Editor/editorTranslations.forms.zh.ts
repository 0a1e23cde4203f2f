/** zh-CN of the form picker's own templates (formPicker.ts); merged into the editor's translate service. */
export const ZH_FORM_PICKER: Readonly<Record<string, string>> = {
  '{name} ({id})': '{name}（{id}）',
  'Form not found: {id}': '未找到的表单：{id}',
  'The form this step shows; create or edit forms with the 表单 button above the diagram.': '这一步显示的表单；在画布上方的「表单」按钮里新建或编辑表单。',
};

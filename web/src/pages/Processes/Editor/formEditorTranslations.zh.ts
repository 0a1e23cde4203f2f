// form-js-editor 1.23 has no translate hook (bpmn-io/form-js#77 is open; the translations PR #1513
// was closed unmerged): its palette, empty states and properties panel are English literals. These
// are those literals (node_modules/@bpmn-io/form-js-editor and -viewer), translated in the DOM as they
// render (FormSchemaEditor.tsx). A literal not listed here, or reworded by an upgrade, stays English.

/** Field kinds (palette entries, panel headers) and palette groups. */
const FIELDS: Record<string, string> = {
  Components: '组件',
  'Search components': '搜索组件',
  'No components found.': '没有匹配的组件。',
  Input: '输入',
  Selection: '选择',
  Presentation: '展示',
  Containers: '容器',
  Action: '操作',
  'Text field': '文本框',
  'Text area': '多行文本',
  Number: '数字',
  'Date time': '日期时间',
  Checkbox: '复选框',
  'Checkbox group': '复选框组',
  'Radio group': '单选组',
  Select: '下拉选择',
  'Tag list': '标签列表',
  'Text view': '文本',
  'HTML view': 'HTML',
  'Image view': '图片',
  Table: '表格',
  Expression: '表达式',
  'File picker': '文件选择',
  Group: '分组',
  'Dynamic list': '动态列表',
  iFrame: '内嵌网页',
  Spacer: '间隔',
  Separator: '分隔线',
  Button: '按钮',
  'Document preview': '文档预览',
  'Build your form': '设计表单',
  'Drag and drop components here to start designing.': '把左侧的组件拖到这里开始设计（选中组件按回车也会加到末尾）。',
  'Drag and drop components here.': '把组件拖到这里。',
  'Use the preview window to test your form.': '可以在右侧的预览里试填表单。',
};

/** Properties panel: groups and entries. */
const PANEL: Record<string, string> = {
  General: '常规',
  Condition: '条件',
  Layout: '布局',
  Appearance: '外观',
  Validation: '校验',
  Constraints: '约束',
  'Options source': '选项来源',
  'Static options': '固定选项',
  'Dynamic options': '动态选项',
  'Options expression': '选项表达式',
  'Input values key': '选项变量',
  Serialization: '序列化',
  'Custom properties': '自定义属性',
  'Security attributes': '安全属性',
  'Field label': '字段标签',
  'Group label': '分组标签',
  'Table label': '表格标签',
  'Field description': '字段说明',
  Key: '变量名（key）',
  'Default value': '默认值',
  Required: '必填',
  'Read only': '只读',
  Disabled: '禁用',
  'Minimum length': '最小长度',
  'Maximum length': '最大长度',
  Minimum: '最小值',
  Maximum: '最大值',
  'Validation pattern': '校验格式',
  'Custom regular expression': '自定义正则表达式',
  'Custom error message': '自定义错误提示',
  Columns: '列宽',
  Auto: '自动',
  'Hide if': '隐藏条件',
  Text: '文本',
  Label: '标签',
  Value: '值',
  Prefix: '前缀',
  Suffix: '后缀',
  'Decimal digits': '小数位数',
  Increment: '步长',
  Subtype: '子类型',
  'Date label': '日期标签',
  'Time label': '时间标签',
  'Use 24h': '24 小时制',
  'Disallow past dates': '不允许过去的日期',
  Searchable: '可搜索',
  Height: '高度',
  Content: '内容',
  Action: '操作',
  Submit: '提交',
  Reset: '重置',
  Path: '路径',
  Custom: '自定义',
  Email: '邮箱',
  Phone: '电话',
  'Not checked': '未勾选',
  Checked: '已勾选',
  'Binds to a form variable': '绑定到一个表单变量',
  '<empty>': '<空>',
  '<none>': '<无>',
  'Create new list item': '新增一项',
  'Delete item': '删除此项',
  'Toggle section': '展开/收起',
  'Section contains edits': '本节有修改',
  'Section contains an error': '本节有错误',
  'Open documentation': '打开文档',
};

// Action is in both: the palette group and the button's entry say the same.
const ZH_FORM_EDITOR: Readonly<Record<string, string>> = { ...PANEL, ...FIELDS };

/** The zh-CN of one of the form editor's fixed texts, or undefined when `text` is not one. */
export function translateFormEditorText(text: string): string | undefined {
  const key = text.trim();
  if (!key || !Object.hasOwn(ZH_FORM_EDITOR, key)) return undefined;
  return text.replace(key, ZH_FORM_EDITOR[key]!);
}

/** The palette's "Create a Text field element" tooltip and the context pad's "Remove Text field". */
export function translateFormEditorTitle(title: string): string | undefined {
  const create = /^Create an? (.+) element$/.exec(title);
  if (create) return `新建${translateFormEditorText(create[1]!) ?? create[1]}`;
  const remove = /^Remove (.+)$/.exec(title);
  if (remove) return remove[1] === 'form field' ? '删除字段' : `删除${translateFormEditorText(remove[1]!) ?? remove[1]}`;
  return translateFormEditorText(title);
}

// The properties panel's groups word their own controls (开合 / 新建列表项 / 有改动 titles) with the
// `translate` each group definition carries, and the providers of bpmn-js-properties-panel give
// none: those titles stayed English beside a Chinese panel. This provider runs after every other
// (lowest priority) and hands each group the editor's translate.

type Translate = (template: string, replacements?: Record<string, string>) => string;
interface GroupDefinition {
  translate?: Translate;
}

export function withTranslate<G extends GroupDefinition>(groups: G[], translate: Translate): G[] {
  return groups.map((group) => (group.translate ? group : { ...group, translate }));
}

class TranslatedGroupsProvider {
  static $inject = ['propertiesPanel', 'translate'];
  private readonly translate: Translate;
  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, translate: Translate) {
    this.translate = translate;
    propertiesPanel.registerProvider(1, this);
  }

  getGroups() {
    return (groups: GroupDefinition[]) => withTranslate(groups, this.translate);
  }
}

export const TranslatedGroupsModule = { __init__: ['translatedGroupsProvider'], translatedGroupsProvider: ['type', TranslatedGroupsProvider] };

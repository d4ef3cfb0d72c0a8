/** Texts of the case page. */
export const casePage = {
  en: { title: 'Case {{caseId}}' },
  'zh-CN': { title: '售后单 {{caseId}}' },
};

/** Texts of the warehouse station. */
export const warehouse = {
  en: { title: 'Warehouse station' },
  'zh-CN': { title: '仓库工作台' },
};

/** Texts of the sign-in page. */
export const signIn = {
  en: {
    title: 'Sign in',
    pasteLabel: 'Bearer token',
    pasteHint: 'Paste a bearer token; it is kept in this tab only (session storage).',
    submit: 'Sign in',
    invalid: 'This is not a token the console can read (expected a JWT with sub and role).',
    devTitle: 'Dev identities (minted by npm run dev)',
    useIdentity: 'Sign in as {{role}}',
  },
  'zh-CN': {
    title: '登录',
    pasteLabel: '访问令牌',
    pasteHint: '粘贴访问令牌；令牌只保存在当前标签页（sessionStorage）。',
    submit: '登录',
    invalid: '无法识别此令牌（需要包含 sub 和 role 的 JWT）。',
    devTitle: '开发身份（npm run dev 生成）',
    useIdentity: '以 {{role}} 身份登录',
  },
};

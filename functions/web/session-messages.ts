/**
 * The Chinese text of sign-in and of the frame around every signed-in page (staff console and
 * institution portal): the sign-in page, the navigation bar, session expiry and downloads.
 * Imported by the page scripts (bundled into them) and by the server's page shells.
 */

/** Text of the sign-in page and the signed-in frame. */
export const sessionMessages = {
  signInTitle: '登录',
  signInIntro: '请选择身份登录。管理员进入管理端（评审批次、专家库、审计）；申报单位进入申报端。',
  devNotice: '本地运行环境：使用开发签发的令牌登录，无需密码。',
  role: '身份',
  roles: { admin: '管理员', institution: '申报单位' },
  orgId: '单位编号',
  orgIdHint: '申报单位登录时填写，例如 org-liuzhou（柳州市人民政府）。',
  orgIdRequired: '申报单位登录需填写单位编号。',
  name: '姓名',
  nameHint: '选填，显示在页面右上角和审计记录中。',
  signIn: '登录',
  signingIn: '正在登录……',
  oidcIntro: '将跳转到统一身份认证平台登录，完成后自动返回本平台。',
  oidcFailed: '统一身份认证未能完成登录，请重试。',
  unconfigured: '本部署尚未配置登录方式，请联系系统管理员。',
  signOut: '退出登录',
  signedInAs: '当前用户',
  expired: '登录已过期，请重新登录。',
  wrongRole: '当前账号无权访问该页面，请使用对应身份登录。',
  signedOut: '您已退出登录。',
  mainNav: '主导航',
  loading: '正在加载……',
  network: '网络连接失败，请检查网络后重试。',
  unexpected: '服务暂时出现问题，请稍后重试。',
  downloadFailed: '下载失败',
  noScript: '本平台需要启用浏览器的 JavaScript 功能。',
} as const;

/** Text of signing in through the deployment's OIDC issuer (统一身份认证) on `/signin`. */
export const oidcSignInText = {
  intro: '请使用统一身份认证账号登录。管理员进入管理端（评审批次、专家库、审计）；申报单位进入申报端。',
  completing: '正在完成登录……',
  /** Why a sign-in through the issuer did not complete, by failure. */
  failures: {
    denied: '您取消了登录，或统一身份认证平台拒绝了本次登录。请重新登录。',
    refused: sessionMessages.oidcFailed,
    state: '本次登录请求已失效（可能在其他窗口重复登录，或页面停留过久），请重新登录。',
    discovery: '无法读取统一身份认证平台的配置，请联系系统管理员。',
    network: '无法连接统一身份认证平台，请检查网络后重试。',
    token: '统一身份认证平台未签发登录凭据，请重新登录。',
    claims: '统一身份认证平台返回的身份信息与本次登录不符，请重新登录。',
    noRole: '您的账号尚未在本平台开通角色（管理员或申报单位），请联系主管部门办公室开通后再登录。',
  },
} as const;

/** The shape of {@link sessionMessages}. */
export type SessionMessages = typeof sessionMessages;

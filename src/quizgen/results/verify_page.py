"""证书查验.html: one offline page that checks a certificate against the trainer's public key in the browser
(WebCrypto Ed25519; Chromium 137 and later, current Edge, Firefox 130 and later, Safari 17 and later).

The learner or an employer pastes the text the QR code holds (any phone's camera shows it) or picks the PDF; the
page finds the ``QC1.`` token, checks its signature with the key written into the page and shows the facts, or
says that the certificate is not valid. Nothing leaves the page.
"""

from __future__ import annotations

from html import escape

SCRIPT = r"""
var KEY = document.getElementById('key').textContent.trim();
var FIELDS = ['课程编号', '课程', '姓名', '单位', '日期', '结业测验成绩', '学时', '证书编号'];
function bytes(b64) {
  var s = atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4));
  return Uint8Array.from(s, function (c) { return c.charCodeAt(0); });
}
function show(ok, lines) {
  var out = document.getElementById('out');
  out.className = ok ? 'ok' : 'bad';
  out.textContent = '';
  lines.forEach(function (line) { var p = document.createElement('p'); p.textContent = line; out.append(p); });
}
function check(text) {
  var token = (/QC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text) || [])[0];
  if (!token) return show(false, ['没有找到查验码：请粘贴扫码得到的整段文字（以 QC1. 开头），或选择证书 PDF 文件。']);
  var dot = token.lastIndexOf('.');
  var body = token.slice(0, dot);
  if (!crypto.subtle) return show(false, ['这个浏览器不能查验签名，请用新版 Chrome、Edge 或 Firefox 打开本页。']);
  crypto.subtle.importKey('raw', bytes(KEY), { name: 'Ed25519' }, false, ['verify'])
    .then(function (key) {
      return crypto.subtle.verify({ name: 'Ed25519' }, key, bytes(token.slice(dot + 1)), new TextEncoder().encode(body));
    })
    .then(function (valid) {
      if (!valid) return show(false, ['✗ 证书无效：内容被改动过，或不是本培训单位签发的。']);
      var facts = new TextDecoder().decode(bytes(body.slice(4))).split('\n');
      show(true, ['✓ 证书有效：由本培训单位签发，内容未被改动。'].concat(FIELDS.map(function (f, i) {
        return f + '：' + (facts[i] || '') + (i == 5 ? ' 分' : '');
      })));
    })
    .catch(function () { show(false, ['✗ 无法查验：查验码不完整，或这个浏览器不支持 Ed25519 签名（请用新版浏览器）。']); });
}
document.getElementById('go').onclick = function () { check(document.getElementById('text').value); };
document.getElementById('file').onchange = function (e) {
  var file = e.target.files[0];
  if (file) file.arrayBuffer().then(function (b) { check(new TextDecoder('latin1').decode(b)); });
};
"""

STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 40em; margin: 1em auto; padding: 0 1em;
       line-height: 1.6; } textarea { width: 100%; min-height: 6em; font-family: monospace; }
button, input { font-size: 1em; margin: .5em 0; min-height: 2.2em; } .ok { color: #1b5e20; } .bad { color: #b71c1c; }
.note { color: #555; font-size: .9em; }
"""


def verify_page(public_key: str, issuer: str, course_title: str) -> str:
    who = escape(issuer) if issuer else "本培训单位"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书查验</title><style>{STYLE}</style></head><body>
<h1>结业证书查验</h1>
<p>查验{who}签发的“{escape(course_title)}”结业证书：用手机扫描证书上的二维码，把得到的整段文字粘贴到下面；
或者选择证书的 PDF 文件。查验在本页中完成，不联网，不上传任何内容。</p>
<label for="text">二维码中的文字：</label>
<textarea id="text" placeholder="QC1.……"></textarea>
<button type="button" id="go">查验</button>
<p><label for="file">或者选择证书 PDF 文件：</label><input type="file" id="file" accept=".pdf,application/pdf"></p>
<div id="out" role="status" aria-live="polite"></div>
<p class="note">证书有效，说明它确由持有培训单位密钥的人根据收集到的成绩签发、内容未被改动；它不能证明学员是怎样完成测验的，
也不能证明持证人就是证书上的人。</p>
<script type="text/plain" id="key">{escape(public_key)}</script>
<script>{SCRIPT}</script>
</body></html>
"""

// The public verification page (GET /api/v1/extracts/verify, where QR codes point): a small static form (code, or a PDF / JSON + signature file) that
// posts base64 JSON to /api/v1/extracts/verify. The React portal will replace it; it needs no login.
export const VERIFY_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Xác thực trích lục hồ sơ điện tử</title>
<style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
fieldset{margin:1rem 0;border:1px solid #ccc;border-radius:6px}label{display:block;margin:.4rem 0}
button{padding:.4rem 1rem}#out{margin-top:1rem;padding:1rem;border-radius:6px;white-space:pre-wrap}
.valid{background:#e6f4ea}.tampered,.revoked{background:#fdecea}.unknown{background:#fff4e5}
</style></head><body>
<h1>Xác thực trích lục hồ sơ điện tử</h1>
<p>Nhập mã xác thực in trên trích lục, hoặc tải lên tệp PDF, hoặc tệp JSON kèm chữ ký (.p7s).</p>
<form id="f">
<fieldset><legend>Mã xác thực</legend><label><input id="code" name="code" placeholder="XXXX-XXXX-XXXX" size="20"></label></fieldset>
<fieldset><legend>Hoặc tệp trích lục</legend>
<label>PDF hoặc JSON: <input type="file" id="file" accept=".pdf,.json,application/pdf,application/json"></label>
<label>Chữ ký của tệp JSON (.p7s): <input type="file" id="sig" accept=".p7s"></label></fieldset>
<button>Xác thực</button></form>
<div id="out" hidden></div>
<script>
const b64 = async (f) => { const a = new Uint8Array(await f.arrayBuffer()); let s = '';
  for (let i = 0; i < a.length; i += 32768) s += String.fromCharCode(...a.subarray(i, i + 32768)); return btoa(s); };
const q = new URLSearchParams(location.search).get('code'); const codeEl = document.getElementById('code');
if (q) codeEl.value = q;
async function check(ev) {
  ev && ev.preventDefault(); const body = {}; const file = document.getElementById('file').files[0];
  const sig = document.getElementById('sig').files[0];
  if (file) { if (file.name.toLowerCase().endsWith('.pdf')) body.pdf = await b64(file);
    else { body.json = await b64(file); if (sig) body.signature = await b64(sig); } }
  else body.code = codeEl.value.trim();
  const res = await fetch('/api/v1/extracts/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const r = await res.json(); const out = document.getElementById('out'); out.hidden = false;
  if (!res.ok) { out.className = 'unknown'; out.textContent = r.error ? r.error.message : 'Lỗi'; return; }
  out.className = r.status;
  const lines = [r.message];
  if (r.extract) lines.push('Số: ' + r.extract.number, 'Người: ' + r.extract.personName, 'Đơn vị cấp: ' + r.extract.issuingUnit,
    'Cấp lúc: ' + new Date(r.extract.issuedAt).toLocaleString('vi-VN'));
  if (r.extract && r.extract.revokedAt) lines.push('Thu hồi lúc: ' + new Date(r.extract.revokedAt).toLocaleString('vi-VN') + ' — ' + r.extract.revokeReason);
  for (const s of r.signatures) lines.push('Chữ ký: ' + (s.signer || '?') + (s.signedAt ? ' lúc ' + new Date(s.signedAt).toLocaleString('vi-VN') : '') + (s.valid ? ' ✔' : ' ✘ ' + s.problem));
  out.textContent = lines.join('\\n');
}
document.getElementById('f').addEventListener('submit', check);
if (q) check();
</script></body></html>
`;

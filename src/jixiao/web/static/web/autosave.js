// No lost edit on the edit page: the fields are kept in this browser as one types and posted to
// the server every few seconds (the person's draft); a draft that differs from the page is
// offered back (恢复未保存的修改 / 丢弃). A logged-out session answers 401: the typing stays here.
(() => {
  const box = document.getElementById("autosave");
  const form = document.getElementById("edit-form");
  if (!box || !form) return;
  const status = document.getElementById("autosave-status");
  const offer = document.getElementById("draft-offer");
  const baseInput = document.getElementById("base-version");
  const key = box.dataset.key;
  const pageBase = Number(box.dataset.base);
  const IGNORED = new Set(["csrfmiddlewaretoken", "base_version"]);
  const DELAY = 2000;
  let timer = null, offered = null, submitting = false;

  const fields = () => {
    const out = {};
    for (const [name, value] of new FormData(form)) {
      if (!IGNORED.has(name) && typeof value === "string") out[name] = value;
    }
    return out;
  };
  const differs = (a, b) => {
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (IGNORED.has(name) || name === "note") continue;
      if ((a[name] ?? "") !== (b[name] ?? "")) return true;
    }
    return false;
  };
  const say = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle("sev-error", error);
  };
  const readLocal = () => {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch { return null; }
  };
  const writeLocal = (extra = {}) => {
    try {
      localStorage.setItem(key, JSON.stringify({
        base: Number(baseInput.value) || pageBase, fields: fields(), at: Date.now(), ...extra,
      }));
    } catch { /* a full or forbidden storage: the server copy still works */ }
  };

  async function post(body) {
    const response = await fetch(box.dataset.url, {
      method: "POST", body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
    });
    let data = {};
    try { data = await response.json(); } catch { /* not JSON: a CSRF or server error page */ }
    return { response, data };
  }

  async function autosave() {
    if (submitting) return;  // the save itself is on its way: a draft now would outlive it
    try {
      const { response, data } = await post(new FormData(form));
      if (response.ok) say(data.message || "已自动保存");
      else if (response.status === 401) say(box.dataset.expired, true);
      else if (!data.error) say("页面已失效：已在本机保存，请重新登录后刷新本页，再恢复未保存的修改", true);
      else say((data.error || "未能自动保存") + "（已在本机保存）", true);
    } catch {
      say("未能自动保存（网络问题），已在本机保存", true);
    }
  }

  form.addEventListener("input", () => {
    writeLocal();
    clearTimeout(timer);
    timer = setTimeout(autosave, DELAY);
  });
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(timer);
    writeLocal({ submitted: true });
  });

  function apply(draft) {
    const f = draft.fields || {};
    const count = document.getElementById("indicator-count");
    const add = document.getElementById("add-indicator");
    const want = Number(f.indicator_count || count.value);
    while (Number(count.value) < want && add) add.click();
    const rows = document.querySelectorAll("#indicators tr");
    rows.forEach(row => {  // rows the draft does not have
      const input = row.querySelector("[name^='indicators.']");
      const i = input ? Number(input.name.split(".")[1]) : -1;
      if (i >= want) row.remove();
    });
    for (const el of form.elements) {
      if (!el.name || IGNORED.has(el.name)) continue;
      if (el.type === "checkbox") el.checked = el.name in f;
      else if (el.name in f) el.value = f[el.name];
    }
    count.value = want;
    if (draft.base) baseInput.value = draft.base;
    form.dispatchEvent(new Event("input", { bubbles: true }));  // preview, and keep it again
  }

  async function discard() {
    try { localStorage.removeItem(key); } catch { /* nothing kept */ }
    offer.hidden = true;
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("discard", "1");
    try {
      const { response } = await post(body);
      say(response.ok ? "已丢弃未保存的修改" : box.dataset.expired, !response.ok);
    } catch {
      say("未能丢弃服务器上的修改（网络问题）", true);
    }
  }

  // what to offer back: the newer of the server's draft and this browser's copy
  const serverEl = document.getElementById("draft-data");
  const server = serverEl ? JSON.parse(serverEl.textContent) : null;
  let local = readLocal();
  if (local && local.submitted && !server) {  // saved since: nothing is waiting
    try { localStorage.removeItem(key); } catch { /* ignore */ }
    local = null;
  }
  const now = fields();
  const candidates = [server, local].filter(d => d && d.fields && differs(d.fields, now));
  candidates.sort((a, b) => (b.at || 0) - (a.at || 0));
  offered = candidates[0] || null;
  if (offered) {
    const when = offered.saved || new Date(offered.at).toLocaleTimeString("zh-CN", { hour12: false });
    const older = offered.base && offered.base < pageBase
      ? `；其后已有第${pageBase}版，保存时会与之合并，双方的修改都保留` : "";
    document.getElementById("draft-offer-text").textContent =
      `有未保存的修改（${when} 保存，基于第${offered.base || pageBase}版${older}）。`;
    offer.hidden = false;
    document.getElementById("draft-restore").addEventListener("click", () => {
      apply(offered);
      offer.hidden = true;
      say("已恢复未保存的修改，请检查后保存");
    });
    document.getElementById("draft-discard").addEventListener("click", discard);
  }
})();

// Ingång chat widget: plain JS, no build step.
// Talks to POST /api/v1/chat; keeps the session id and the visible conversation in
// sessionStorage so a reload in the same tab continues the same chat.
"use strict";

(function () {
  const STRINGS = {
    sv: {
      title: "Ingång",
      tagline: "Fråga om IT-hjälp och kommunens tjänster",
      chatHeading: "Chatt med Ingång",
      botName: "Ingång",
      you: "Du",
      staffName: "Svar från handläggare",
      welcome: "Hej! Skriv din fråga så hjälper jag dig. Du kan också be att få prata med en handläggare.",
      inputLabel: "Ditt meddelande",
      send: "Skicka",
      mic: "Mikrofon",
      micTip: "Röststyrning kommer snart",
      typing: "Ingång skriver …",
      networkError: "Vi kunde inte nå tjänsten just nu. Försök igen om en stund.",
      privacy: "Skriv inte personnummer eller lösenord i chatten om du inte blir ombedd.",
      skip: "Hoppa till innehållet",
      ticketPrompt: "Du öppnade chatten från ärende {ref}. Jag hämtar ärendet åt dig – ha koden du fick när ärendet skapades till hands.",
      ticketAsk: "Status för ärende {ref}",
    },
    en: {
      title: "Ingång",
      tagline: "Ask about IT help and the municipality's services",
      chatHeading: "Chat with Ingång",
      botName: "Ingång",
      you: "You",
      staffName: "Reply from a case officer",
      welcome: "Hello! Write your question and I will help you. You can also ask to talk to a person.",
      inputLabel: "Your message",
      send: "Send",
      mic: "Microphone",
      micTip: "Voice input is coming soon",
      typing: "Ingång is typing …",
      networkError: "We could not reach the service right now. Please try again in a moment.",
      privacy: "Do not write personal identity numbers or passwords in the chat unless asked to.",
      skip: "Skip to content",
      ticketPrompt: "You opened the chat from case {ref}. I am fetching the case for you – have the code you were given when it was created ready.",
      ticketAsk: "Status of case {ref}",
    },
  };
  const KEY_SESSION = "ingang.session_id";
  const KEY_LANG = "ingang.lang";
  const KEY_HISTORY = "ingang.history";
  // A case reference as in the reply e-mail's link `/?ticket=IT-2026-000123` (prefix 2–8 letters).
  const TICKET_PATTERN = /^[A-Z]{2,8}-\d{4}-\d{6}$/;

  const log = document.getElementById("chat-log");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const sendButton = document.getElementById("send-button");
  const micButton = document.getElementById("mic-button");
  const typing = document.getElementById("typing");

  // `chosen` is set only by the language switch. Until then the widget sends no `lang`, the
  // gateway detects it from the text, and the page follows the language it answered in.
  let chosen = sessionStorage.getItem(KEY_LANG);
  let lang = chosen === "en" ? "en" : "sv";
  let busy = false;

  function t(key) {
    return STRINGS[lang][key];
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = t(el.dataset.i18n);
    });
    document.querySelectorAll("[data-i18n-title]").forEach(function (el) {
      el.title = t(el.dataset.i18nTitle);
    });
    document.querySelector(".skip-link").textContent = t("skip");
    document.querySelectorAll(".lang-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    });
    document.querySelectorAll(".msg .who[data-role]").forEach(function (el) {
      el.textContent = whoLabel(el.dataset.role);
    });
  }

  function whoLabel(role) {
    if (role === "user") return t("you");
    if (role === "staff") return t("staffName");
    return t("botName");
  }

  function loadHistory() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY_HISTORY) || "[]");
    } catch (e) {
      return [];
    }
  }

  function remember(entry) {
    const history = loadHistory();
    history.push(entry);
    sessionStorage.setItem(KEY_HISTORY, JSON.stringify(history.slice(-100)));
  }

  // role: "user" | "bot" | "staff" | "error"; buttons only for bot messages.
  function render(entry, live) {
    const item = document.createElement("div");
    item.className = "msg msg-" + entry.role;
    const who = document.createElement("span");
    who.className = "who";
    if (entry.role !== "error") {
      who.dataset.role = entry.role;
      who.textContent = whoLabel(entry.role);
    } else {
      who.textContent = t("botName");
    }
    item.appendChild(who);
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = entry.text;
    item.appendChild(body);
    if (entry.reference) {
      const ref = document.createElement("span");
      ref.className = "hint";
      ref.textContent = " (" + entry.reference + ")";
      who.appendChild(ref);
    }
    if (entry.buttons && entry.buttons.length) {
      const group = document.createElement("div");
      group.className = "msg-buttons";
      entry.buttons.forEach(function (b) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.disabled = !live;
        button.addEventListener("click", function () {
          group.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
          send(b.payload, b.title);
          input.focus();
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function add(entry) {
    remember(entry);
    render(entry, true);
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    log.setAttribute("aria-busy", String(value));
    typing.textContent = value ? t("typing") : "";
  }

  // The reference from `?ticket=`, if it is one; removed from the address either way, so a
  // reload does not ask again and the reference does not stay in the browser history.
  function ticketFromAddress() {
    const params = new URLSearchParams(window.location.search);
    if (!params.has("ticket")) return null;
    const value = (params.get("ticket") || "").trim().toUpperCase();
    params.delete("ticket");
    const rest = params.toString();
    history.replaceState(null, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    return TICKET_PATTERN.test(value) ? value : null;
  }

  // Opened from the reply e-mail: say why, then ask the bot for that case's status (intent
  // `ticket_status` with the `ticket_reference` entity). The bot asks for the case's code
  // when the case belongs to another chat session, as it does when someone types the question.
  function startWithTicket(reference) {
    add({ role: "bot", text: t("ticketPrompt").replace("{ref}", reference) });
    const intent = "/ticket_status" + JSON.stringify({ ticket_reference: reference });
    send(intent, t("ticketAsk").replace("{ref}", reference), lang);
  }

  // `forcedLang`: the page's language for a message without words to detect it from.
  async function send(text, shownText, forcedLang) {
    if (busy || !text.trim()) return;
    // Earlier answers' buttons belong to an earlier question: only the newest stay usable.
    log.querySelectorAll(".msg-buttons button").forEach(function (b) { b.disabled = true; });
    add({ role: "user", text: shownText || text });
    setBusy(true);
    const payload = { text: text };
    if (chosen || forcedLang) payload.lang = chosen || forcedLang;
    const sessionId = sessionStorage.getItem(KEY_SESSION);
    if (sessionId) payload.session_id = sessionId;
    try {
      const response = await fetch("/api/v1/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(payload),
      });
      let data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      if (data && data.session_id) sessionStorage.setItem(KEY_SESSION, data.session_id);
      if (!chosen && data && (data.lang === "sv" || data.lang === "en") && data.lang !== lang) {
        lang = data.lang;
        applyLanguage();
      }
      if (!data || !Array.isArray(data.messages)) {
        add({ role: "error", text: t("networkError") });
      } else {
        data.messages.forEach(function (m) {
          if (m.kind === "staff_reply") {
            add({ role: "staff", text: m.text, reference: m.reference || null });
          } else if (!response.ok) {
            add({ role: "error", text: m.text });
          } else {
            add({ role: "bot", text: m.text || "", buttons: m.buttons || [] });
          }
        });
      }
    } catch (e) {
      add({ role: "error", text: t("networkError") });
    } finally {
      setBusy(false);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) {
      input.focus();
      return;
    }
    input.value = "";
    send(text);
    input.focus();
  });

  document.querySelectorAll(".lang-switch button").forEach(function (button) {
    button.addEventListener("click", function () {
      lang = button.dataset.lang;
      chosen = lang;
      sessionStorage.setItem(KEY_LANG, lang);
      applyLanguage();
    });
  });

  // The speech issue wires the microphone; until then it only explains itself.
  micButton.addEventListener("click", function (event) {
    event.preventDefault();
  });

  loadHistory().forEach(function (entry) { render(entry, false); });
  applyLanguage();
  const ticket = ticketFromAddress();
  if (ticket) startWithTicket(ticket);
})();

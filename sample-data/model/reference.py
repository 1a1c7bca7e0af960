#!/usr/bin/env python3
"""Independent reference model of the stockwatch contract (SPEC.md), standard library only.

Usage: reference.py --input DIR --output OUTDIR [--config FILE] [--until INSTANT] [--key value ...]

One event-time simulation of the whole shop: all valid input records are merged and applied in
(at, topic rank, line number) order; timers due at an instant fire after the events of that
instant (ties between timers: creation order); the replay ends at --until or at the latest `at`.
Writes OUTDIR/notify.{email,sms,push,viber,whatsapp,suppressed,dlq,conversions}.jsonl.
Conversions (SPEC §13) are worked out once the run is over, from the notifications it sent and the
orders it applied.
"""
import heapq
import itertools
import json
import math
import os
import re
import sys
from datetime import datetime, timedelta, timezone, time as dtime
from zoneinfo import ZoneInfo

TOPICS = ["customers", "engagement", "catalog", "stock", "orders", "interest", "cart"]  # rank order (SPEC §9)
CHANNELS = ["email", "sms", "push", "viber", "whatsapp"]
ADDRESS = {"email": "email", "sms": "phone", "push": "pushToken", "viber": "viber", "whatsapp": "whatsapp"}
DAY = 86_400_000

# ----------------------------------------------------------------------------- configuration

UNITS = {"ms": 1, "s": 1000, "sec": 1000, "min": 60_000, "h": 3_600_000, "d": DAY}


def duration(text):
    m = re.fullmatch(r"\s*(\d+)\s*([a-z]+)\s*", str(text))
    if not m or m.group(2) not in UNITS:
        raise ValueError(f"bad duration {text!r}")
    return int(m.group(1)) * UNITS[m.group(2)]


def parse_list(text):
    text = str(text).strip()
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [x.strip() for x in inner.split(",")] if inner else []
    return [text]


DEFAULTS = {
    "restock.locations": "[online]",
    "restock.min-quantity": "1",
    "restock.subscribers-per-unit": "0",
    "restock.wave-interval": "30 min",
    "interest.ttl": "90 d",
    "notify.batch-window": "60 s",
    "soldout.window": "7 d",
    "soldout.auto-resubscribe": "false",
    "cart.steps": "[1 h, 24 h, 72 h]",
    "cart.sms-min-value": "200",
    "cart.incentive-ttl": "48 h",
    "channels.back_in_stock": "[email, push, viber, whatsapp, sms]",
    "channels.sold_out_again": "[email, push, viber, whatsapp, sms]",
    "quiet-hours.start": "21:00",
    "quiet-hours.end": "08:00",
    "quiet-hours.channels": "[sms, push, viber, whatsapp]",
    "cap.max": "3",
    "cap.window": "24 h",
    "dedupe.retention": "30 d",
    "links.product": "https://shop.example/p/{sku}",
    "links.resubscribe": "https://shop.example/notify/subscribe?sku={sku}",
    "attribution.window": "5 d",
    "sendtime.apply-to": "[abandoned_cart:2, abandoned_cart:3]",
    "sendtime.max-hold": "12 h",
}

CART_CHANNELS = [["email", "viber", "whatsapp", "push"], ["email", "viber", "whatsapp", "push"],
                 ["push", "viber", "whatsapp", "sms"]]
# step -> segment -> (percentOff, freeShipping); "default" for any other segment
INCENTIVES = [{}, {"default": (10, False), "cant_lose": (15, False)},
              {"default": (10, True), "cant_lose": (20, True)}]


def read_yaml(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            k, v = line.split(":", 1)
            out[k.strip()] = v.strip().strip('"').strip("'")
    return out


class Config:
    def __init__(self, raw):
        c = dict(DEFAULTS)
        c.update(raw)
        self.locations = parse_list(c["restock.locations"])
        self.min_qty = int(c["restock.min-quantity"])
        self.spu = float(c["restock.subscribers-per-unit"])
        self.wave_interval = duration(c["restock.wave-interval"])
        self.ttl = duration(c["interest.ttl"])
        self.batch_window = duration(c["notify.batch-window"])
        self.soldout_window = duration(c["soldout.window"])
        self.auto_resubscribe = str(c["soldout.auto-resubscribe"]).lower() == "true"
        self.steps = [duration(x) for x in parse_list(c["cart.steps"])]
        self.sms_min = float(c["cart.sms-min-value"])
        self.incentive_ttl = duration(c["cart.incentive-ttl"])
        self.ch_bis = parse_list(c["channels.back_in_stock"])
        self.ch_soa = parse_list(c["channels.sold_out_again"])
        self.incentives = INCENTIVES
        if "cart.incentives" in c:
            self.incentives = []
            for grp in re.findall(r"\{([^}]*)\}", c["cart.incentives"]):
                tab = {}
                for ent in [e for e in grp.split(",") if e.strip()]:
                    seg, val = ent.split(":", 1)
                    m = re.search(r"(\d+)\s*%", val)
                    tab[seg.strip()] = (int(m.group(1)) if m else 0, "free-shipping" in val)
                self.incentives.append(tab)
        self.ch_cart = CART_CHANNELS
        if "channels.abandoned_cart" in c:
            inner = c["channels.abandoned_cart"].strip()[1:-1]
            self.ch_cart = [parse_list(x + "]") for x in re.findall(r"\[[^\[\]]*", inner)]
        hs, ms = c["quiet-hours.start"].split(":")
        he, me = c["quiet-hours.end"].split(":")
        self.q_start = dtime(int(hs), int(ms))
        self.q_end = dtime(int(he), int(me))
        self.q_channels = parse_list(c["quiet-hours.channels"])
        self.cap_max = int(c["cap.max"])
        self.cap_window = duration(c["cap.window"])
        self.dedupe_retention = duration(c["dedupe.retention"])
        self.link_product = c["links.product"]
        self.link_resub = c["links.resubscribe"]
        self.attribution_window = duration(c["attribution.window"])
        self.sendtime_apply_to = parse_list(c["sendtime.apply-to"])
        self.sendtime_max_hold = duration(c["sendtime.max-hold"])
        self.held_order_by_id = str(c.get("model.held-order", "fifo")) == "id"


# ----------------------------------------------------------------------------- time helpers

def parse_at(s):
    if not isinstance(s, str):
        raise ValueError("not a string")
    if re.search(r"[+-]\d{4}$", s):
        raise ValueError("offset without a colon")  # the job rejects these; ISO-8601 basic format
    d = datetime.fromisoformat(s.upper())
    if d.tzinfo is None:
        raise ValueError("no offset")
    return int(round(d.timestamp() * 1000))


def fmt(ms):
    d = datetime.fromtimestamp(ms // 1000, tz=timezone.utc)
    s = d.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        s += ".%03d" % (ms % 1000)
    return s + "Z"


# ----------------------------------------------------------------------------- ids (SPEC §3)

import hashlib


def wave_size(product):
    """ceil(qty * subscribers-per-unit), exact where floats are off by a rounding error, at least 1 when positive."""
    return max(1, math.ceil(product - 1e-9)) if product > 0 else 0


def id_text(s):
    """A customer or sku id as a part of hashed text: backslash, '|' and ',' escaped with a backslash."""
    return "".join("\\" + c if c in "\\|," else c for c in s)


def digest(n, *parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def cart_hash(lines):
    s = "".join(f"{len(sku.encode('utf-16-le')) // 2}:{sku}={q};" for sku, q in sorted(lines.items()))  # Java's String.length()
    return digest(16, "cart", s)


def id_bis(cust, episode, skus):
    return "bis-" + digest(32, "back_in_stock", id_text(cust), episode, ",".join(id_text(s) for s in sorted(set(skus))))


def id_soa(cust, sku, episode):
    return "soa-" + digest(32, "sold_out_again", id_text(cust), id_text(sku), episode)


def id_cart(cust, chash, step):
    return "cart-" + digest(32, "abandoned_cart", id_text(cust), chash, step)


def incentive_code(cust, chash, step):
    return "SW-" + digest(10, "incentive", id_text(cust), chash, step).upper()


# ----------------------------------------------------------------------------- validation (SPEC §2)

class Bad(Exception):
    pass


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def need_id(rec, topic, field, optional=False):
    if field not in rec or rec[field] is None:
        if optional:
            return
        raise Bad(f"{topic}.{field} is required")
    v = rec[field]
    if not isinstance(v, str):
        raise Bad(f"{topic}.{field} must be a string")
    if v == "" or len(v) > 128:
        raise Bad(f"{topic}.{field} must be 1..128 characters")


def need_int(rec, topic, field, minimum):
    if field not in rec or rec[field] is None:
        raise Bad(f"{topic}.{field} is required")
    v = rec[field]
    if not is_int(v):
        raise Bad(f"{topic}.{field} must be an integer")
    if v < minimum:
        raise Bad(f"{topic}.{field} must be >= {minimum}, was {v}")


def need_num(rec, topic, field):
    if field not in rec or rec[field] is None:
        raise Bad(f"{topic}.{field} is required")
    v = rec[field]
    if not is_num(v):
        raise Bad(f"{topic}.{field} must be a number")
    if v < 0:
        raise Bad(f"{topic}.{field} must be >= 0, was {v}")


def validate(topic, line):
    try:
        rec = json.loads(line)
    except Exception:
        raise Bad("not valid JSON")
    if not isinstance(rec, dict):
        raise Bad("not a JSON object")
    if "at" not in rec:
        raise Bad(f"{topic}.at is required")
    try:
        at = parse_at(rec["at"])
    except Exception:
        raise Bad(f"{topic}.at is not an ISO-8601 instant")
    if topic == "interest":
        if rec.get("type") not in ("subscribe", "unsubscribe"):
            raise Bad("interest.type")
        need_id(rec, topic, "customerId")
        need_id(rec, topic, "sku")
    elif topic == "stock":
        need_id(rec, topic, "sku")
        need_id(rec, topic, "location", optional=True)
        need_int(rec, topic, "available", 0)
    elif topic == "catalog":
        need_id(rec, topic, "sku")
        if "price" in rec and rec["price"] is not None and not is_num(rec["price"]):
            raise Bad("catalog.price")
    elif topic == "cart":
        if rec.get("type") not in ("add", "remove", "clear", "checkout"):
            raise Bad("cart.type")
        need_id(rec, topic, "customerId")
        need_id(rec, topic, "cartId", optional=True)
        if rec["type"] in ("add", "remove"):
            need_id(rec, topic, "sku")
            need_int(rec, topic, "quantity", 1)
        if rec["type"] == "add":
            need_num(rec, topic, "unitPrice")
    elif topic == "orders":
        need_id(rec, topic, "orderId")
        need_id(rec, topic, "customerId")
        if rec.get("channel") not in ("online", "pos"):
            raise Bad("orders.channel")
        need_id(rec, topic, "storeId", optional=True)
        items = rec.get("items")
        if not isinstance(items, list):
            raise Bad("orders.items")
        for it in items:
            if not isinstance(it, dict):
                raise Bad("orders.items[]")
            need_id(it, "orders.items", "sku")
            need_int(it, "orders.items", "quantity", 1)
            need_num(it, "orders.items", "unitPrice")
    elif topic == "engagement":
        need_id(rec, topic, "customerId")
        chans = rec.get("channels")
        if not isinstance(chans, dict):
            raise Bad("engagement.channels")
        for ch, st in chans.items():
            if ch not in CHANNELS or not isinstance(st, dict):
                raise Bad("engagement.channels.*")
            if st.get("status") not in ("ok", "bounced", "opted_out"):
                raise Bad("engagement.channels.*.status")
            if st.get("address") is not None and not isinstance(st["address"], str):
                raise Bad("engagement.channels.*.address")
        hour = rec.get("preferredHour")
        if hour is not None and not (is_int(hour) and 0 <= hour <= 23):
            raise Bad("engagement.preferredHour")
    elif topic == "customers":
        need_id(rec, topic, "customerId")
        need_id(rec, topic, "homeStore", optional=True)
        cons = rec.get("consent", {})
        if cons is not None and not isinstance(cons, dict):
            raise Bad("customers.consent")
        for v in (cons or {}).values():
            if not isinstance(v, bool):
                raise Bad("customers.consent.*")
        tz = rec.get("timezone")
        if tz is not None:
            try:
                ZoneInfo(tz)
            except Exception:
                raise Bad("customers.timezone")
    return rec, at


# ----------------------------------------------------------------------------- the model

class Model:
    def __init__(self, cfg):
        self.cfg = cfg
        self.timers = []
        self.tseq = itertools.count()
        self.eseq = 0  # sequence of applied inputs and timers: "since" comparisons
        self.now = None
        self.out = {c: [] for c in CHANNELS}
        self.out["suppressed"] = []
        self.out["dlq"] = []
        # reference data
        self.profiles = {}
        self.engagement = {}     # cust -> latest engagement record (SPEC §2, §7)
        self.catalog = {}
        # stock
        self.avail = {}          # sku -> loc -> n
        self.in_stock = {}       # sku -> bool
        self.episode = {}        # sku -> episode start (ms) while in stock
        self.wave_token = {}     # sku -> token of the pending wave timer
        self.waiting = {}        # sku -> cust -> subscribedAt
        self.sellouts = {}       # sku -> [seq]
        self.wait_token = {}     # (sku, cust) -> token of the current waiting entry's ttl timer
        # orders
        self.orders_by_cust = {}  # cust -> [(at, value)]
        self.order_seqs = {}      # (cust, sku) -> [seq]
        self.any_order_seq = {}   # cust -> [seq]
        # back in stock
        self.batch = {}          # cust -> open batch
        self.watches = {}        # (cust, sku) -> list of release records
        # carts
        self.carts = {}          # cust -> {sku: [qty, unitPrice, currency]}
        self.ladder = {}         # cust -> {"a":, "token":}
        self.activity_seqs = {}  # cust -> [seq]
        self.cart_currency = {}  # cust -> latest currency given on an add
        # delivery
        self.emitted_times = {}  # cust -> [t]
        self.emitted_ids = {}  # notificationId -> time of its first emission (within the retention)

    # ---- timers
    def schedule(self, due, fn, *args, tiebreak=""):
        heapq.heappush(self.timers, (due, tiebreak, next(self.tseq), fn, args))

    def fire_until(self, t, inclusive):
        while self.timers and (self.timers[0][0] < t or (inclusive and self.timers[0][0] <= t)):
            due, _, _, fn, args = heapq.heappop(self.timers)
            self.now = due
            self.eseq += 1
            fn(*args)

    # ---- run
    def run(self, records, until):
        records.sort(key=lambda r: (r[0], TOPICS.index(r[1]), r[2]))
        end = until
        if end is None:
            end = max((r[0] for r in records), default=None)
        for at, topic, lineno, rec in records:
            if end is not None and at > end:
                continue
            self.fire_until(at, inclusive=False)
            self.now = at
            self.eseq += 1
            getattr(self, "on_" + topic)(rec, at)
        if end is not None:
            self.fire_until(end, inclusive=True)

    # ---- reference data
    def on_customers(self, rec, at):
        self.profiles[rec["customerId"]] = rec

    def on_engagement(self, rec, at):
        self.engagement[rec["customerId"]] = rec

    def on_catalog(self, rec, at):
        self.catalog[rec["sku"]] = rec

    # ---- stock and waiting lists (SPEC §4)
    def qty(self, sku):
        locs = self.avail.get(sku, {})
        return sum(locs.get(l, 0) for l in self.cfg.locations)

    def ordered_list(self, sku):
        w = self.waiting.get(sku, {})
        return sorted(w.items(), key=lambda kv: (kv[1], kv[0]))

    def on_stock(self, rec, at):
        sku = rec["sku"]
        loc = rec.get("location") or "online"
        self.avail.setdefault(sku, {})[loc] = rec["available"]
        now_in = self.qty(sku) >= self.cfg.min_qty
        was_in = self.in_stock.get(sku, False)
        self.in_stock[sku] = now_in
        if now_in and not was_in:
            self.episode[sku] = at
            self.wave(sku, at, at)
        elif was_in and not now_in:
            ep = self.episode.pop(sku)
            self.wave_token.pop(sku, None)
            self.sellouts.setdefault(sku, []).append(self.eseq)
            self.sell_out(sku, ep, at)

    def wave(self, sku, t, episode):
        if self.episode.get(sku) != episode or not self.in_stock.get(sku):
            return
        lst = self.ordered_list(sku)
        if not lst:
            self.wave_token.pop(sku, None)
            return
        n = len(lst) if self.cfg.spu == 0 else wave_size(self.qty(sku) * self.cfg.spu)
        for cust, sub_at in lst[:n]:
            self.release(sku, cust, sub_at, t, episode)
        if len(lst) > n:
            token = object()
            self.wave_token[sku] = token
            self.schedule(t + self.cfg.wave_interval, self.wave_timer, sku, episode, token)
        else:
            self.wave_token.pop(sku, None)

    def wave_timer(self, sku, episode, token):
        if self.wave_token.get(sku) is not token:
            return
        self.wave(sku, self.now, episode)

    def on_interest(self, rec, at):
        cust, sku = rec["customerId"], rec["sku"]
        w = self.waiting.setdefault(sku, {})
        if rec["type"] == "unsubscribe":
            w.pop(cust, None)
            return
        if cust in w:
            return  # keeps the original place
        if self.in_stock.get(sku) and not w:
            self.release(sku, cust, at, at, self.episode[sku])
            return
        w[cust] = at
        tok = self.wait_token[(sku, cust)] = object()
        self.schedule(at + self.cfg.ttl, self.expire, sku, cust, at, tok)

    def expire(self, sku, cust, sub_at, tok):
        w = self.waiting.get(sku, {})
        if cust not in w or self.wait_token.get((sku, cust)) is not tok:
            return
        del w[cust]
        self.out["suppressed"].append({
            "kind": "back_in_stock", "customerId": cust, "reason": "expired", "skus": [sku],
            "eventTime": fmt(self.now), "triggeredAt": fmt(sub_at)})

    def release(self, sku, cust, sub_at, t, episode):
        self.waiting.get(sku, {}).pop(cust, None)
        cand = {"cust": cust, "sku": sku, "episode": episode, "released": t, "seq": self.eseq,
                "sub_at": sub_at, "sent": False, "watch": True}
        self.watches.setdefault((cust, sku), []).append(cand)
        b = self.batch.get(cust)
        if b is None:
            b = {"t0": t, "cands": []}
            self.batch[cust] = b
            self.schedule(t + self.cfg.batch_window, self.decide_batch, cust, b)
        b["cands"].append(cand)

    def since(self, seqs, seq):
        return any(s > seq for s in seqs)

    def bis_recheck(self, cands):
        """Keeps the candidates that still apply; returns (kept, reason of the first dropped)."""
        kept, reason = [], None
        for c in cands:
            so = [q for q in self.sellouts.get(c["sku"], []) if q > c["seq"]]
            od = [q for q in self.order_seqs.get((c["cust"], c["sku"]), []) if q > c["seq"]]
            if so or od:  # the reason is whichever happened first (interpretation; the job does this)
                first_so = min(so) if so else float("inf")
                first_od = min(od) if od else float("inf")
                reason = reason or ("sold_out" if first_so < first_od else "ordered")
            else:
                kept.append(c)
        return kept, reason

    def decide_batch(self, cust, b):
        del self.batch[cust]
        latest = {}
        for c in b["cands"]:  # one line per sku: its latest release in the batch
            latest[c["sku"]] = c
        cands = [c for c in b["cands"] if latest[c["sku"]] is c]
        self.deliver({"kind": "back_in_stock", "cust": cust, "cands": cands,
                      "triggered": b["cands"][0]["released"], "held": False})

    def sell_out(self, sku, episode, t):
        waiting_before = set(self.waiting.get(sku, {}))
        for (cust, s), lst in list(self.watches.items()):
            if s != sku:
                continue
            for c in lst:
                if not c["watch"] or c["episode"] != episode:
                    continue
                c["watch"] = False
                if t - c["released"] <= self.cfg.soldout_window:
                    self.deliver({"kind": "sold_out_again", "cust": cust, "cand": c, "triggered": t,
                                  "decided_seq": self.eseq, "held": False})
                    if self.cfg.auto_resubscribe:
                        w = self.waiting.setdefault(sku, {})
                        if cust not in waiting_before:
                            # back at the original place of the (latest) released subscription;
                            # interest.ttl counts from the sell-out (interpretation, see README)
                            w[cust] = c["sub_at"]
                            tok = self.wait_token[(sku, cust)] = object()
                            self.schedule(t + self.cfg.ttl, self.expire, sku, cust, c["sub_at"], tok)
            self.watches[(cust, s)] = [c for c in lst if c["watch"]]

    # ---- orders
    def on_orders(self, rec, at):
        cust = rec["customerId"]
        value = sum(it["quantity"] * it["unitPrice"] for it in rec["items"])
        self.orders_by_cust.setdefault(cust, []).append((at, value))
        self.any_order_seq.setdefault(cust, []).append(self.eseq)
        for it in rec["items"]:
            sku = it["sku"]
            self.order_seqs.setdefault((cust, sku), []).append(self.eseq)
            self.waiting.get(sku, {}).pop(cust, None)
            for c in self.watches.get((cust, sku), []):
                c["watch"] = False  # a conversion ends the watch
            self.watches.pop((cust, sku), None)
        cart = self.carts.get(cust)
        if cart is not None:
            for it in rec["items"]:
                cart.pop(it["sku"], None)
            if not cart:
                self.cart_currency.pop(cust, None)
        self.ladder.pop(cust, None)  # ends the ladder at once

    # ---- carts (SPEC §6)
    def on_cart(self, rec, at):
        cust = rec["customerId"]
        cart = self.carts.setdefault(cust, {})
        typ = rec["type"]
        if typ == "add" and rec.get("currency"):
            self.cart_currency[cust] = rec["currency"]
        if typ == "add":
            line = cart.get(rec["sku"])
            if line:
                line[0] += rec["quantity"]
                line[1] = rec["unitPrice"]
                line[2] = rec.get("currency") or line[2]
            else:
                cart[rec["sku"]] = [rec["quantity"], rec["unitPrice"], rec.get("currency")]
        elif typ == "remove":
            line = cart.get(rec["sku"])
            if line:
                line[0] -= rec["quantity"]
                if line[0] <= 0:
                    del cart[rec["sku"]]
        elif typ == "clear":
            cart.clear()
        if not cart:
            self.cart_currency.pop(cust, None)
        self.activity_seqs.setdefault(cust, []).append(self.eseq)
        self.ladder.pop(cust, None)
        if cart and self.cfg.steps:
            lad = {"a": at}
            self.ladder[cust] = lad
            self.schedule(at + self.cfg.steps[0], self.cart_step, cust, lad, 1)

    def cart_step(self, cust, lad, step):
        if self.ladder.get(cust) is not lad:
            return
        cart = self.carts.get(cust, {})
        if not cart:
            return
        lines = {s: l[0] for s, l in cart.items()}
        snap = {s: list(l) for s, l in cart.items()}
        ended = self.deliver({"kind": "abandoned_cart", "cust": cust, "step": step, "lines": lines,
                              "snap": snap, "hash": cart_hash(lines), "step_time": self.now,
                              "triggered": lad["a"], "decided_seq": self.eseq, "held": False})
        if ended:
            self.ladder.pop(cust, None)
            return
        if step < len(self.cfg.steps):
            self.schedule(lad["a"] + self.cfg.steps[step], self.cart_step, cust, lad, step + 1)

    # ---- segments (SPEC §8)
    def segment(self, cust, t):
        prof = self.profiles.get(cust)
        if prof and prof.get("segment"):
            return prof["segment"]
        orders = [(a, v) for a, v in self.orders_by_cust.get(cust, []) if t - 365 * DAY < a <= t]
        f = len(orders)
        if f == 0:
            return "prospect"
        r = (t - max(a for a, _ in orders)) // DAY
        if r <= 30 and f >= 5:
            return "champions"
        if r <= 90 and f >= 3:
            return "loyal"
        if r > 90 and f >= 5:
            return "cant_lose"
        if r > 90 and f >= 2:
            return "at_risk"
        if f == 1 and r <= 30:
            return "new"
        return "regular"

    # ---- delivery policy (SPEC §7)
    def quiet_release(self, tzname, t):
        """None when t is outside quiet hours in tz, else the end of the quiet period."""
        cfg = self.cfg
        tz = ZoneInfo(tzname or "UTC")
        local = datetime.fromtimestamp(t / 1000, tz=tz)
        tod = local.time().replace(tzinfo=None)
        s, e = cfg.q_start, cfg.q_end
        if s == e:
            return None
        if s < e:
            if not (s <= tod < e):
                return None
            end_date = local.date()
        else:
            if not (tod >= s or tod < e):
                return None
            end_date = local.date() + timedelta(days=1) if tod >= s else local.date()
        end_local = datetime.combine(end_date, e, tzinfo=tz)
        return int(end_local.timestamp() * 1000)

    def suppress(self, n, reason, nid, skus):
        rec = {}
        if nid is not None:
            rec["notificationId"] = nid
        rec.update({"kind": n["kind"], "customerId": n["cust"], "reason": reason, "skus": skus})
        if n["kind"] == "abandoned_cart":
            rec["step"] = n["step"]
        rec["eventTime"] = fmt(self.now)
        rec["triggeredAt"] = fmt(n["triggered"])
        self.out["suppressed"].append(rec)

    def item(self, sku, quantity=None, price=None, currency=None):
        cat = self.catalog.get(sku)
        it = {"sku": sku}
        if quantity is not None:
            it["quantity"] = quantity
        if cat and cat.get("name") is not None:
            it["name"] = cat["name"]
        it["url"] = (cat.get("url") if cat and cat.get("url") else self.cfg.link_product.replace("{sku}", sku))
        # SPEC §3: "Item name/url/price come from catalog when known"
        if cat and cat.get("price") is not None:
            it["price"] = float(cat["price"])
            if cat.get("currency") is not None:
                it["currency"] = cat["currency"]
        elif price is not None:
            it["price"] = float(price)
            if currency is not None:
                it["currency"] = currency
        return it

    def deliver(self, n):
        """Runs the check chain for a decision at self.now. Returns True when a cart ladder ends."""
        cfg, cust, kind, t = self.cfg, n["cust"], n["kind"], self.now
        # 1. still applies
        if kind == "back_in_stock":
            cands = n["cands"]
            kept, reason = self.bis_recheck(cands)
            nid_all = id_bis(cust, min(c["episode"] for c in cands), [c["sku"] for c in cands])
            if not kept:
                self.suppress(n, reason, nid_all, sorted(c["sku"] for c in cands))
                return False
            n["cands"] = cands = kept
            nid = id_bis(cust, min(c["episode"] for c in kept), [c["sku"] for c in kept])
            skus = sorted(c["sku"] for c in kept)
        elif kind == "sold_out_again":
            c = n["cand"]
            nid = id_soa(cust, c["sku"], c["episode"])
            skus = [c["sku"]]
            if not c["sent"]:
                self.suppress(n, "not_notified", nid, skus)
                return False
            if n["held"] and self.since(self.order_seqs.get((cust, c["sku"]), []), n["decided_seq"]):
                self.suppress(n, "ordered", nid, skus)
                return False
        else:
            nid = id_cart(cust, n["hash"], n["step"])
            skus = sorted(n["lines"])
            if n["held"]:
                # any cart activity since the step counts as a change (`cart_changed`), an order
                # (which also removes skus) as `ordered`; when both, the first one (interpretation)
                act = [q for q in self.activity_seqs.get(cust, []) if q > n["decided_seq"]]
                odr = [q for q in self.any_order_seq.get(cust, []) if q > n["decided_seq"]]
                if act or odr:
                    first_act = min(act) if act else float("inf")
                    first_odr = min(odr) if odr else float("inf")
                    self.suppress(n, "cart_changed" if first_act < first_odr else "ordered", nid, skus)
                    return False
        # 2. segment (carts only)
        seg = None
        if kind == "abandoned_cart":
            seg = self.segment(cust, t)
            if seg == "champions":
                self.suppress(n, "segment_excluded", nid, skus)
                return True
        # 3. profile
        prof = self.profiles.get(cust)
        if prof is None:
            self.suppress(n, "unknown_customer", nid, skus)
            return False
        # 4. channel
        if kind == "abandoned_cart":
            value = sum(l[0] * l[1] for l in n["snap"].values())
            prefs = cfg.ch_cart[min(n["step"], len(cfg.ch_cart)) - 1]
        else:
            prefs = cfg.ch_bis if kind == "back_in_stock" else cfg.ch_soa
        consent = prof.get("consent") or {}
        eng = self.engagement.get(cust) or {}
        channel = None
        for ch in prefs:
            addr = prof.get(ADDRESS[ch])
            if not addr or consent.get(ch) is not True:
                continue
            # SPEC §7 engagement: opted out, or bounced for the current address (or for any
            # address when the record names none), rules the channel out
            st = (eng.get("channels") or {}).get(ch)
            if st and (st["status"] == "opted_out" or (
                    st["status"] == "bounced" and st.get("address") in (None, addr))):
                continue
            if kind == "abandoned_cart" and ch == "sms" and not (
                    value >= cfg.sms_min or seg in ("cant_lose", "at_risk")):
                continue
            channel = ch
            break
        if channel is None:
            self.suppress(n, "no_reachable_channel", nid, skus)
            return False
        # 5. quiet hours and send time: one hold, decided at t
        if not n["held"]:
            out_at = t
            target = kind + (":" + str(n["step"]) if kind == "abandoned_cart" else "")
            hour = eng.get("preferredHour")
            if hour is not None and (kind in cfg.sendtime_apply_to or target in cfg.sendtime_apply_to):
                start = (t // DAY) * DAY + hour * 3_600_000
                if not (start <= t < start + 3_600_000):
                    nxt = start if start > t else start + DAY
                    if nxt - t <= cfg.sendtime_max_hold:
                        out_at = nxt
            rel = self.quiet_release(prof.get("timezone"), out_at) if channel in cfg.q_channels else None
            if rel is None and out_at > t:
                rel = out_at
            if rel is not None:
                n = dict(n)
                n["held"] = True
                n["decided_seq"] = self.eseq
                # held notifications released at one instant: in the order they were held (SPEC
                # "event-time order"); --held-order id mimics the job (by notificationId)
                self.schedule(rel, self.deliver, n, tiebreak=nid if cfg.held_order_by_id else "")
                return False
        # 6. frequency cap
        times = self.emitted_times.setdefault(cust, [])
        if sum(1 for x in times if t - cfg.cap_window < x <= t) >= cfg.cap_max:
            self.suppress(n, "frequency_cap", nid, skus)
            return False
        # 7. dedupe: an id counts for dedupe.retention after its first emission
        first = self.emitted_ids.get(nid)
        if first is not None and t - first < cfg.dedupe_retention:
            self.suppress(n, "duplicate", nid, skus)
            return False
        self.emitted_ids[nid] = t
        times.append(t)
        rec = {"notificationId": nid, "kind": kind, "customerId": cust, "channel": channel,
               "address": prof.get(ADDRESS[channel])}
        if prof.get("locale"):
            rec["locale"] = prof["locale"]
        if kind == "back_in_stock":
            rec["items"] = [self.item(s) for s in skus]
            for c in n["cands"]:
                c["sent"] = True
        elif kind == "sold_out_again":
            rec["items"] = [self.item(skus[0])]
            rec["links"] = {"resubscribe": cfg.link_resub.replace("{sku}", skus[0])}
        else:
            snap = n["snap"]
            # the cart's currency: the latest given on an add since the cart was last empty
            currency = self.cart_currency.get(cust)
            rec["items"] = [self.item(s, snap[s][0], snap[s][1], snap[s][2] or currency) for s in skus]
            store = prof.get("homeStore")
            if store is not None:
                # SPEC §7 nearest store: what stock reported for (sku, homeStore) at decision time
                for it in rec["items"]:
                    if store in self.avail.get(it["sku"], {}):
                        it["inStore"] = self.avail[it["sku"]][store]
            cart = {"cartHash": n["hash"], "value": float(value)}
            if currency:
                cart["currency"] = currency
            rec["step"] = n["step"]
            rec["cart"] = cart
            table = cfg.incentives[n["step"] - 1] if n["step"] <= len(cfg.incentives) else {}
            inc = table.get(seg) or table.get("default")
            if inc and (inc[0] or inc[1]):
                rec["incentive"] = {"percentOff": inc[0], "freeShipping": inc[1],
                                    "code": incentive_code(cust, n["hash"], n["step"]),
                                    "cartHash": n["hash"],
                                    "expiresAt": fmt(n["step_time"] + cfg.incentive_ttl)}
            rec["segment"] = seg
        rec["eventTime"] = fmt(t)
        rec["triggeredAt"] = fmt(n["triggered"])
        self.out[channel].append(rec)
        return False


# ----------------------------------------------------------------------------- conversions (SPEC §13)

def conversions(sent, orders, window):
    """One record per (order, notification): each ordered sku goes to the latest sent notification
    that listed it with the order in (eventTime, eventTime + window]; ties: the smaller id."""
    by_cust = {}
    for n in sent:
        by_cust.setdefault(n["customerId"], []).append(
            (parse_at(n["eventTime"]), n["notificationId"], n, {i["sku"] for i in n["items"]}))
    out = []
    for at, rec in orders:
        touches = [x for x in by_cust.get(rec["customerId"], []) if x[0] < at <= x[0] + window]
        # latest first, then the smaller id
        touches.sort(key=lambda x: x[1])
        touches.sort(key=lambda x: x[0], reverse=True)
        got = {}  # notificationId -> [notification, skus, revenue]
        for it in rec["items"]:
            for t, nid, n, skus in touches:
                if it["sku"] in skus:
                    g = got.setdefault(nid, [n, set(), 0.0])
                    g[1].add(it["sku"])
                    g[2] += it["quantity"] * it["unitPrice"]
                    break
        for nid in sorted(got):
            n, skus, revenue = got[nid]
            c = {"orderId": rec["orderId"], "customerId": rec["customerId"], "notificationId": nid,
                 "kind": n["kind"]}
            if "step" in n:
                c["step"] = n["step"]
            c.update({"channel": n["channel"], "skus": sorted(skus), "revenue": float(revenue),
                      "notifiedAt": n["eventTime"], "eventTime": fmt(at)})
            out.append(c)
    return out


# ----------------------------------------------------------------------------- main

def sort_key(line):
    """SPEC §10: sorted by eventTime (absent first), then by the whole line."""
    rec = json.loads(line)
    et = rec.get("eventTime")
    return (0, 0, line) if et is None else (1, parse_at(et), line)


def main(argv):
    args = {}
    i = 0
    while i < len(argv):
        k = argv[i]
        if not k.startswith("--"):
            raise SystemExit(f"unexpected argument {k}")
        args[k[2:]] = argv[i + 1]
        i += 2
    raw = {}
    if "config" in args:
        raw.update(read_yaml(args.pop("config")))
    inp = args.pop("input")
    outdir = args.pop("output")
    until = args.pop("until", None)
    args.pop("parallelism", None)
    if "held-order" in args:
        raw["model.held-order"] = args.pop("held-order")
    raw.update(args)
    cfg = Config(raw)
    model = Model(cfg)
    records = []
    for topic in TOPICS:
        path = os.path.join(inp, topic + ".jsonl")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f.read().split("\n"), start=1):
                if line.strip() == "":
                    continue
                try:
                    rec, at = validate(topic, line)
                except Bad as e:
                    model.out["dlq"].append({"reason": str(e), "source": topic, "offset": lineno,
                                             "payload": line[:65536]})
                    continue
                records.append((at, topic, lineno, rec))
    end = parse_at(until) if until else max((r[0] for r in records), default=None)
    model.run(records, end)
    applied = [(at, rec) for at, topic, _, rec in records if topic == "orders" and end is not None and at <= end]
    model.out["conversions"] = conversions([n for c in CHANNELS for n in model.out[c]], applied,
                                           cfg.attribution_window)
    os.makedirs(outdir, exist_ok=True)
    for name, recs in model.out.items():
        lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in recs]
        lines.sort(key=sort_key)
        with open(os.path.join(outdir, f"notify.{name}.jsonl"), "w", encoding="utf-8") as f:
            for l in lines:
                f.write(l + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])

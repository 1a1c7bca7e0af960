#!/usr/bin/env python3
"""Seeded generator of small, nasty random shops for stockwatch replays.

  random_stream.py SEED OUTDIR      -> writes OUTDIR/<topic>.jsonl and OUTDIR/config.yaml

Customers with various consents, time zones (DST zones around their DST changes) and segment
overrides; skus whose stock goes 0 <-> n at several locations; subscribes/unsubscribes; carts;
online and pos orders (some of what people wait for or have in their cart); old orders for RFM;
catalog records; same-instant ties across topics; lines written out of `at` order; a few bad records.
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TOPIC_FILES = ["interest", "stock", "catalog", "cart", "orders", "customers", "engagement"]
ZONES = ["UTC", "Europe/Warsaw", "America/New_York", "Europe/London", "Asia/Tokyo",
         "America/Los_Angeles", "Australia/Sydney"]
STARTS = ["2026-03-27T00:00:00Z",  # EU DST starts 03-29
          "2026-03-06T00:00:00Z",  # US DST starts 03-08
          "2026-10-23T00:00:00Z",  # EU DST ends 10-25
          "2026-10-30T00:00:00Z",  # US DST ends 11-01
          "2026-11-20T00:00:00Z"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def gen_config(rnd):
    cfg = {}
    cfg["notify.batch-window"] = rnd.choice(["0 s", "60 s", "60 s", "5 min"])
    cfg["restock.subscribers-per-unit"] = rnd.choice(["0", "1", "0.5", "0"])
    cfg["restock.wave-interval"] = rnd.choice(["30 min", "10 min", "2 h"])
    cfg["cap.max"] = rnd.choice(["3", "1", "2", "5"])
    cfg["soldout.auto-resubscribe"] = rnd.choice(["false", "true"])
    cfg["cart.steps"] = rnd.choice(["[1 h, 24 h, 72 h]", "[30 min, 2 h, 10 h]", "[10 min, 1 h]"])
    if cfg["cart.steps"] == "[10 min, 1 h]":
        cfg["channels.abandoned_cart"] = "[[email, viber, whatsapp, push], [push, viber, whatsapp, sms]]"
        cfg["cart.incentives"] = "[{}, {default: free-shipping 10%, cant_lose: free-shipping 20%}]"
    qh = rnd.choice([("21:00", "08:00"), ("21:00", "08:00"), ("22:00", "07:00"), ("00:00", "06:00"),
                     ("12:00", "14:00")])
    cfg["quiet-hours.start"], cfg["quiet-hours.end"] = qh
    if rnd.random() < 0.3:
        cfg["interest.ttl"] = rnd.choice(["1 d", "2 d"])
    if rnd.random() < 0.3:
        cfg["soldout.window"] = rnd.choice(["1 h", "1 d"])
    if rnd.random() < 0.3:
        cfg["restock.locations"] = "[online, store-1]"
    if rnd.random() < 0.2:
        cfg["restock.min-quantity"] = "2"
    if rnd.random() < 0.25:
        cfg["quiet-hours.channels"] = rnd.choice(["[sms]", "[email, push]", "[sms, push, viber, whatsapp, email]"])
    if rnd.random() < 0.25:
        cfg["channels.back_in_stock"] = rnd.choice(["[sms, whatsapp, viber, push, email]", "[push]"])
    if rnd.random() < 0.25:
        cfg["channels.sold_out_again"] = rnd.choice(["[viber, email]", "[sms, email, push]"])
    if rnd.random() < 0.25:
        cfg["cap.window"] = rnd.choice(["1 h", "48 h", "6 h"])
    if rnd.random() < 0.2:
        cfg["cart.sms-min-value"] = rnd.choice(["50", "0", "1000"])
    if rnd.random() < 0.2:
        cfg["cart.incentive-ttl"] = rnd.choice(["24 h", "90 min"])
    if rnd.random() < 0.2:
        cfg["links.product"] = "https://m.shop.example/item/{sku}?ref=sw"
        cfg["links.resubscribe"] = "https://m.shop.example/wait/{sku}"
    if rnd.random() < 0.3:
        cfg["dedupe.retention"] = rnd.choice(["2 h", "1 d", "2 d"])
    return cfg


def generate(seed, outdir):
    rnd = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    cfg = gen_config(rnd)
    # drawn apart from the shop, so that the shops of earlier seeds stay as they were
    cfg["attribution.window"] = random.Random(seed * 7919 + 13).choice(["5 d", "5 d", "1 d", "12 h", "1 h"])
    # engagement, send time and home stores (SPEC §7), also drawn apart from the shop
    erd = random.Random(seed * 104729 + 7)
    if erd.random() < 0.4:
        cfg["sendtime.apply-to"] = erd.choice(["[]", "[abandoned_cart]", "[back_in_stock]",
                                               "[abandoned_cart:1, back_in_stock]", "[sold_out_again, abandoned_cart:3]"])
    if erd.random() < 0.3:
        cfg["sendtime.max-hold"] = erd.choice(["1 h", "6 h", "24 h"])
    start = datetime.fromisoformat(rnd.choice(STARTS))
    dense = seed >= 1000  # seeds from 1000: few skus, one or two busy days, many collisions
    days = rnd.choice([1, 2]) if dense else rnd.choice([2, 3, 4])
    span = days * 86400
    n_cust = rnd.randint(5, 30)
    n_sku = rnd.randint(2, 4) if dense else rnd.randint(3, 10)
    mult = 3 if dense else 1
    custs = [f"c-{i:02d}" for i in range(1, n_cust + 1)] + ["c-ghost"]
    skus = [f"S{i}" for i in range(1, n_sku + 1)]
    # a few "hot" instants shared by many events (ties across topics)
    hot = [rnd.randrange(0, span // 60) * 60 for _ in range(6)]
    # and instants where timers fall due (batch window, waves, cart steps, cap window) after them
    deltas = [60, 300, 600, 1800, 3600, 7200, 36000, 86400]
    hot += [h + rnd.choice(deltas) for h in hot for _ in range(2)]
    hot_p = 0.6 if dense else rnd.choice([0.25, 0.5])

    def when():
        if rnd.random() < hot_p:
            s = rnd.choice(hot)
        else:
            s = rnd.randrange(0, span // 60) * 60 + rnd.choice([0, 0, 0, 30])
        return start + timedelta(seconds=s)

    out = {t: [] for t in TOPIC_FILES}

    def emit(topic, rec):
        out[topic].append((rec.get("at", ""), json.dumps(rec, separators=(",", ":"))))

    # customers
    for c in custs[:-1]:
        if rnd.random() < 0.1:
            continue  # unknown customer
        prof = {"customerId": c}
        consent = {}
        for ch, field, val in [("email", "email", f"{c}@example.com"), ("sms", "phone", "+4860000" + c[-2:]),
                               ("push", "pushToken", "tok-" + c), ("viber", "viber", "vb-" + c),
                               ("whatsapp", "whatsapp", "wa-" + c)]:
            if rnd.random() < 0.45:
                prof[field] = val
                if rnd.random() < 0.75:
                    consent[ch] = True
                elif rnd.random() < 0.5:
                    consent[ch] = False
        prof["consent"] = consent
        if rnd.random() < 0.85:
            prof["timezone"] = rnd.choice(ZONES)
        if rnd.random() < 0.4:
            prof["locale"] = rnd.choice(["pl-PL", "en-US", "de-DE"])
        if rnd.random() < 0.12:
            prof["segment"] = rnd.choice(["champions", "cant_lose", "at_risk", "loyal"])
        prof["at"] = iso(start - timedelta(days=rnd.randint(1, 30)))
        if erd.random() < 0.4:
            prof["homeStore"] = erd.choice(["store-1", "warehouse-2", "store-9"])
        emit("customers", prof)
        if rnd.random() < 0.15:  # a later change of the profile
            p2 = dict(prof)
            p2["consent"] = {k: not v for k, v in consent.items()} or {"email": True}
            p2["at"] = iso(when())
            emit("customers", p2)
    # catalog
    for s in skus:
        if rnd.random() < 0.5:
            emit("catalog", {"sku": s, "name": f"Product {s}", "url": f"https://shop.example/p/{s.lower()}",
                             "price": float(rnd.choice([9, 49, 199, 250, 1200])), "currency": "PLN",
                             "at": iso(start - timedelta(days=3))})
    # old orders (RFM)
    oid = 0
    for c in custs[:-1]:
        if rnd.random() < 0.35:
            for _ in range(rnd.randint(1, 6)):
                oid += 1
                t = start - timedelta(days=rnd.randint(1, 400))
                emit("orders", {"orderId": f"old-{oid}", "customerId": c, "channel": "online",
                                "items": [{"sku": "OLD", "quantity": 1, "unitPrice": 50.0}], "at": iso(t)})
    # interest: early subscriptions, plus during the run
    for _ in range(rnd.randint(5, 40) * mult):
        c, s = rnd.choice(custs), rnd.choice(skus)
        t = start - timedelta(hours=rnd.randint(1, 60)) if rnd.random() < 0.5 else when()
        emit("interest", {"type": "subscribe", "customerId": c, "sku": s, "at": iso(t)})
        if rnd.random() < 0.1:
            emit("interest", {"type": "subscribe", "customerId": c, "sku": s, "at": iso(when())})
        if rnd.random() < 0.12:
            emit("interest", {"type": "unsubscribe", "customerId": c, "sku": s, "at": iso(when())})
    # stock: random walk per sku and location
    for s in skus:
        for loc in rnd.sample(["online", "online", "store-1", "warehouse-2"], rnd.randint(1, 2)):
            n = 0
            for _ in range(rnd.randint(1, 8) * mult):
                n = 0 if (n > 0 and rnd.random() < 0.5) else rnd.choice([0, 1, 1, 2, 3, 5])
                rec = {"sku": s, "available": n, "at": iso(when())}
                if loc != "online" or rnd.random() < 0.5:
                    rec["location"] = loc
                emit("stock", rec)
    # carts
    for c in rnd.sample(custs, min(len(custs), rnd.randint(2, 12))):
        for _ in range(rnd.randint(1, 6) * mult):
            r = rnd.random()
            t = iso(when())
            if r < 0.55:
                rec = {"type": "add", "customerId": c, "sku": rnd.choice(skus), "quantity": rnd.randint(1, 3),
                       "unitPrice": float(rnd.choice([5, 39, 120, 250])), "at": t}
                if rnd.random() < 0.8:
                    rec["currency"] = "PLN"
            elif r < 0.75:
                rec = {"type": "remove", "customerId": c, "sku": rnd.choice(skus), "quantity": rnd.randint(1, 2), "at": t}
            elif r < 0.87:
                rec = {"type": "checkout", "customerId": c, "at": t}
            else:
                rec = {"type": "clear", "customerId": c, "at": t}
            emit("cart", rec)
    # orders during the run
    for _ in range(rnd.randint(1, 12) * mult):
        oid += 1
        c = rnd.choice(custs)
        items = [{"sku": s, "quantity": rnd.randint(1, 2), "unitPrice": float(rnd.choice([39, 120, 250]))}
                 for s in rnd.sample(skus, rnd.randint(1, 2))]
        rec = {"orderId": f"o-{oid}", "customerId": c, "channel": rnd.choice(["online", "pos"]),
               "items": items, "at": iso(when())}
        if rec["channel"] == "pos":
            rec["storeId"] = "waw-01"
        emit("orders", rec)
    # engagement records (written by the engagement function): statuses for the current or an old
    # address, opt-outs, preferred hours; several per customer over the run
    for c in custs:
        if erd.random() < 0.5:
            continue
        for _ in range(erd.randint(1, 3)):
            chans = {}
            for ch, val in [("email", f"{c}@example.com"), ("sms", "+4860000" + c[-2:]), ("push", "tok-" + c),
                            ("viber", "vb-" + c), ("whatsapp", "wa-" + c)]:
                if erd.random() < 0.45:
                    st = {"status": erd.choice(["ok", "bounced", "bounced", "opted_out"])}
                    r = erd.random()
                    if r < 0.7:
                        st["address"] = val
                    elif r < 0.85:
                        st["address"] = "old-" + val
                    chans[ch] = st
            rec = {"customerId": c, "channels": chans}
            if erd.random() < 0.6:
                rec["preferredHour"] = erd.randrange(24)
            t = start - timedelta(hours=erd.randint(1, 48)) if erd.random() < 0.4 else start + timedelta(
                seconds=erd.randrange(0, span // 60) * 60)
            rec["at"] = iso(t)
            emit("engagement", rec)
    for tmpl in erd.sample(['{"customerId":"c-01","channels":{"fax":{"status":"ok"}},"at":"%s"}',
                            '{"customerId":"c-01","channels":{"email":{"status":"gone"}},"at":"%s"}',
                            '{"customerId":"c-01","channels":{},"preferredHour":24,"at":"%s"}'], erd.randint(0, 1)):
        out["engagement"].append(("", tmpl % iso(start)))
    # bad records
    bads = [("stock", '{"sku":"S1","available":-1,"at":"%s"}'),
            ("stock", 'this is not json'),
            ("interest", '{"type":"maybe","customerId":"c-01","sku":"S1","at":"%s"}'),
            ("interest", '{"type":"subscribe","customerId":"","sku":"S1","at":"%s"}'),
            ("interest", '{"type":"subscribe","customerId":"' + "x" * 129 + '","sku":"S1","at":"%s"}'),
            ("cart", '{"type":"add","customerId":"c-01","sku":"S1","quantity":0,"unitPrice":1.0,"at":"%s"}'),
            ("cart", '{"type":"add","customerId":"c-01","sku":"S1","quantity":"2","unitPrice":1.0,"at":"%s"}'),
            ("orders", '{"orderId":"bad","customerId":"c-01","channel":"web","items":[],"at":"%s"}'),
            ("customers", '{"email":"x@example.com","at":"%s"}'),
            ("interest", '{"type":"subscribe","customerId":"c-01","sku":"S1"}')]
    for topic, tmpl in rnd.sample(bads, rnd.randint(0, 3)):
        line = tmpl % iso(when()) if "%s" in tmpl else tmpl
        out[topic].append(("", line))
    # write: mostly in `at` order, some lines moved out of order; a final clock at the end
    end = start + timedelta(seconds=span + 3600)
    out["stock"].append((iso(end), json.dumps({"sku": "CLOCK", "available": 1, "at": iso(end)},
                                              separators=(",", ":"))))
    for t in TOPIC_FILES:
        lines = sorted(out[t][:-1] if t == "stock" else out[t], key=lambda x: x[0])
        for _ in range(len(lines) // 5):
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        if t == "stock":
            lines.append(out[t][-1])
        with open(os.path.join(outdir, t + ".jsonl"), "w", encoding="utf-8") as f:
            for _, l in lines:
                f.write(l + "\n")
    path = os.path.join(outdir, "config.yaml")
    with open(path, "w", encoding="utf-8") as f:
        for k, v in cfg.items():
            f.write(f"{k}: {v}\n")
    return path


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), sys.argv[2]))

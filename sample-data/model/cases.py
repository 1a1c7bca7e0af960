#!/usr/bin/env python3
"""Hand-made edge cases (boundaries and ties the random shops rarely hit).

  cases.py [NAME ...]     builds /tmp/sw-cases/NAME and compares model and jar on each
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402

P = lambda cid, **kw: dict({"customerId": cid, "email": f"{cid}@example.com", "consent": {"email": True},
                            "at": "2026-11-01T00:00:00Z"}, **kw)
PUSH = lambda cid, tz="UTC", **kw: dict({"customerId": cid, "pushToken": "tok-" + cid, "consent": {"push": True},
                                         "timezone": tz, "at": "2026-01-01T00:00:00Z"}, **kw)
SUB = lambda c, s, at: {"type": "subscribe", "customerId": c, "sku": s, "at": at}
ST = lambda s, n, at, **kw: dict({"sku": s, "available": n, "at": at}, **kw)
ADD = lambda c, s, q, p, at: {"type": "add", "customerId": c, "sku": s, "quantity": q, "unitPrice": p, "currency": "PLN", "at": at}
ORD = lambda oid, c, items, at, ch="online": {"orderId": oid, "customerId": c, "channel": ch,
                                              "items": [{"sku": s, "quantity": q, "unitPrice": p} for s, q, p in items], "at": at}
CLOCK = lambda at: ST("CLOCK", 1, at)
ENG = lambda c, chans, at, hour=None: dict({"customerId": c, "channels": chans, "at": at},
                                           **({"preferredHour": hour} if hour is not None else {}))

CASES = {
    # cap boundary: (t - 24 h, t] excludes a notification exactly 24 h earlier
    "cap-window-boundary": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-1", "B", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("B", 1, "2026-11-21T10:00:00Z"), CLOCK("2026-11-21T12:00:00Z")],
    }, {"cap.max": "1", "notify.batch-window": "0 s"}),
    # batch window inclusive: a release exactly at t0 + 60 s joins the batch
    "batch-window-inclusive": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-1", "B", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("B", 1, "2026-11-20T10:01:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # sell-out exactly at the batch decision instant: events before timers -> sold_out
    "soldout-at-batch-end": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T10:01:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # cart activity exactly when step 1 falls due cancels it
    "cart-activity-at-step-due": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"), ADD("c-1", "B", 1, 10.0, "2026-11-20T09:00:00Z")],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # a step due exactly at the end of the replay is emitted; one due 1 s later is not
    "replay-end-inclusive": ({
        "customers": [P("c-1"), P("c-2")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"), ADD("c-2", "A", 1, 10.0, "2026-11-20T08:00:01Z")],
        "stock": [CLOCK("2026-11-20T09:00:00Z")],
    }, {}),
    # RFM boundaries: 5 orders, the latest exactly 30 days before the step -> champions (R = 30)
    "rfm-r-boundary": ({
        "customers": [P("c-1"), P("c-2")],
        "orders": [ORD(f"o{i}", "c-1", [("OLD", 1, 10.0)], f"2026-10-{10 + i:02d}T09:00:00Z") for i in range(1, 6)]
        + [ORD(f"p{i}", "c-2", [("OLD", 1, 10.0)], f"2026-10-{10 + i:02d}T09:00:01Z") for i in range(1, 6)],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-14T08:00:00Z"), ADD("c-2", "A", 1, 10.0, "2026-11-14T08:00:00Z")],
        "stock": [CLOCK("2026-11-14T10:00:00Z")],
    }, {}),
    # F counts orders in (t - 365 d, t]: an order exactly 365 d before the step does not count
    "rfm-f-boundary": ({
        "customers": [P("c-1")],
        "orders": [ORD("o1", "c-1", [("OLD", 1, 10.0)], "2025-11-20T09:00:00Z"),
                   ORD("o2", "c-1", [("OLD", 1, 10.0)], "2026-11-01T09:00:00Z")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z")],
        "stock": [CLOCK("2026-11-20T10:00:00Z")],
    }, {}),
    # sms for a cart exactly at cart.sms-min-value (200)
    "sms-min-value-boundary": ({
        "customers": [{"customerId": "c-1", "phone": "+48600000001", "consent": {"sms": True}, "at": "2026-11-01T00:00:00Z"},
                      {"customerId": "c-2", "phone": "+48600000002", "consent": {"sms": True}, "at": "2026-11-01T00:00:00Z"}],
        "cart": [ADD("c-1", "A", 2, 100.0, "2026-11-20T08:00:00Z"), ADD("c-2", "A", 1, 199.5, "2026-11-20T08:00:00Z")],
        "stock": [CLOCK("2026-11-24T10:00:00Z")],
    }, {}),
    # quiet hours across the US DST end (2026-11-01 02:00 EDT -> 01:00 EST): held to 08:00 EST = 13:00Z
    "quiet-hours-us-dst-end": ({
        "customers": [PUSH("c-1", "America/New_York")],
        "interest": [SUB("c-1", "A", "2026-10-31T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-01T03:30:00Z"), CLOCK("2026-11-01T20:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # quiet hours across the EU DST start (2026-03-29 02:00 CET -> 03:00 CEST): held to 08:00 CEST = 06:00Z
    "quiet-hours-eu-dst-start": ({
        "customers": [PUSH("c-1", "Europe/Warsaw")],
        "interest": [SUB("c-1", "A", "2026-03-28T08:00:00Z")],
        "stock": [ST("A", 1, "2026-03-28T22:30:00Z"), CLOCK("2026-03-29T20:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # a profile that arrives after the decision: unknown_customer
    "profile-after-decision": ({
        "customers": [P("c-1", at="2026-11-20T10:30:00Z")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an order at the same instant as the restock: stock is applied first, so c-1 is released and then
    # has ordered -> suppressed ordered at the end of the batch window
    "order-same-instant-as-restock": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 1, 10.0)], "2026-11-20T10:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # a subscribe at the same instant as the restock: stock first, then the subscribe is released at once
    "subscribe-same-instant-as-restock": ({
        "customers": [P("c-1"), P("c-2")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "A", "2026-11-20T10:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"restock.subscribers-per-unit": "1"}),
    # subscribe while in stock and others wait: joins the back; next wave
    "subscribe-while-others-wait": ({
        "customers": [P("c-1"), P("c-2"), P("c-3")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "A", "2026-11-20T08:01:00Z"),
                     SUB("c-3", "A", "2026-11-20T10:10:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"restock.subscribers-per-unit": "1", "notify.batch-window": "0 s"}),
    # repeated subscribe keeps the place: c-1 (08:00, again 09:00) before c-2 (08:30)
    "repeated-subscribe-keeps-place": ({
        "customers": [P("c-1"), P("c-2")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "A", "2026-11-20T08:30:00Z"),
                     SUB("c-1", "A", "2026-11-20T09:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T10:20:00Z")],
    }, {"restock.subscribers-per-unit": "1", "notify.batch-window": "0 s"}),
    # subscription ties broken by customerId
    "subscribe-tie-customer-id": ({
        "customers": [P("c-b"), P("c-a")],
        "interest": [SUB("c-b", "A", "2026-11-20T08:00:00Z"), SUB("c-a", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T10:20:00Z")],
    }, {"restock.subscribers-per-unit": "1", "notify.batch-window": "0 s"}),
    # ttl expiry at the same instant as a restock: the event comes first -> released, not expired
    "ttl-vs-restock-same-instant": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-19T10:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"interest.ttl": "1 d"}),
    # held sold_out_again after a purchase during the quiet hours
    "held-soa-then-order": ({
        "customers": [PUSH("c-1", "UTC")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T22:00:00Z"), CLOCK("2026-11-21T12:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 1, 10.0)], "2026-11-21T07:00:00Z")],
    }, {}),
    # sold out after the window: no sold_out_again
    "soldout-window-boundary": ({
        "customers": [P("c-1"), P("c-2")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "B", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T11:00:00Z"),
                  ST("B", 1, "2026-11-20T10:00:00Z"), ST("B", 0, "2026-11-20T11:00:01Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"soldout.window": "1 h"}),
    # an order ends the ladder and removes the ordered skus; what is left gets no ladder until activity
    "order-removes-skus": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"), ADD("c-1", "B", 1, 10.0, "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 1, 10.0)], "2026-11-20T08:30:00Z", "pos")],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # the same cart contents are reminded once per step: a checkout restarts the ladder -> duplicate
    "cart-restart-same-contents": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"),
                 {"type": "checkout", "customerId": "c-1", "at": "2026-11-20T09:30:00Z"}],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # champions: one segment_excluded and the ladder ends
    "champions-ladder-ends": ({
        "customers": [P("c-1", segment="champions")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z")],
        "stock": [CLOCK("2026-11-24T12:00:00Z")],
    }, {}),
    # two skus of one customer from two episodes in one batch; the first sells out inside the window
    "batch-first-sku-sold-out": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-1", "B", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("B", 1, "2026-11-20T10:00:20Z"), ST("A", 0, "2026-11-20T10:00:40Z"),
                  CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # min-quantity over several locations
    "min-quantity-locations": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 1, "2026-11-20T10:05:00Z", location="store-1"),
                  ST("A", 5, "2026-11-20T10:06:00Z", location="warehouse-2"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"restock.min-quantity": "2", "restock.locations": "[online, store-1]"}),
    # wave sized by the quantity at the wave moment, 0.5 per unit
    "waves-half-per-unit": ({
        "customers": [P(f"c-{i}") for i in range(1, 7)],
        "interest": [SUB(f"c-{i}", "A", f"2026-11-20T08:0{i}:00Z") for i in range(1, 7)],
        "stock": [ST("A", 3, "2026-11-20T10:00:00Z"), ST("A", 1, "2026-11-20T10:20:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"restock.subscribers-per-unit": "0.5", "notify.batch-window": "0 s"}),
    # --until style end: input after the last clock is the end; a step due after it is not emitted
    "unsubscribe-after-release": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"),
                     {"type": "unsubscribe", "customerId": "c-1", "sku": "A", "at": "2026-11-20T10:00:30Z"}],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # auto-resubscribe puts the customer back at the original place, ahead of later subscribers
    "auto-resubscribe-place": ({
        "customers": [P("c-1"), P("c-2")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "A", "2026-11-20T10:30:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T11:00:00Z"), ST("A", 1, "2026-11-20T12:00:00Z"),
                  CLOCK("2026-11-20T13:00:00Z")],
    }, {"soldout.auto-resubscribe": "true", "restock.subscribers-per-unit": "1", "notify.batch-window": "0 s"}),
    # dead letters: boundaries of ids and types
    "dead-letters": ({
        "interest": [SUB("x" * 128, "A", "2026-11-20T08:00:00Z"), SUB("x" * 129, "A", "2026-11-20T08:00:00Z"),
                     SUB("c-1", "A", "2026-11-20T10:00:00+02:00"), {"type": "subscribe", "customerId": "c-1", "sku": "A"},
                     {"type": "subscribe", "customerId": "c-1", "sku": 7, "at": "2026-11-20T08:00:00Z"},
                     {"type": "subscribe", "customerId": "c-1", "sku": "A", "at": "yesterday"}],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z", location=""), {"sku": "A", "available": 1.5, "at": "2026-11-20T10:00:00Z"},
                  {"sku": "A", "available": True, "at": "2026-11-20T10:00:00Z"}, CLOCK("2026-11-20T12:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 0, 10.0)], "2026-11-20T10:00:00Z"), ORD("o2", "c-1", [("A", 1, -1.0)], "2026-11-20T10:00:00Z"),
                   {"orderId": "o3", "customerId": "c-1", "channel": "online", "at": "2026-11-20T10:00:00Z"}],
        "cart": [{"type": "add", "customerId": "c-1", "sku": "A", "quantity": 1, "at": "2026-11-20T10:00:00Z"},
                 {"type": "remove", "customerId": "c-1", "sku": "A", "at": "2026-11-20T10:00:00Z"},
                 {"type": "clear", "at": "2026-11-20T10:00:00Z"}],
        "customers": [{"customerId": "c-1", "consent": {"email": "yes"}, "at": "2026-11-20T10:00:00Z"},
                      {"customerId": "c-2", "timezone": "Mars/Olympus", "at": "2026-11-20T10:00:00Z"}],
    }, {}),
    # a held push whose customer switches to email during the quiet hours: the chain runs again
    "held-then-profile-change": ({
        "customers": [PUSH("c-1", "UTC"), {"customerId": "c-1", "email": "new@example.com", "consent": {"email": True},
                                           "at": "2026-11-21T03:00:00Z"}],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T22:00:00Z"), CLOCK("2026-11-21T12:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # a held cart step whose customer becomes champions during the hold
    "held-cart-then-champions": ({
        "customers": [PUSH("c-1", "UTC"), PUSH("c-1", "UTC", segment="champions", at="2026-11-21T03:00:00Z")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T21:00:00Z")],
        "stock": [CLOCK("2026-11-21T12:00:00Z")],
    }, {"cart.steps": "[1 h, 24 h, 72 h]"}),
    # a catalog record stamped after the decision is not used yet; the latest one before it is
    "catalog-changelog": ({
        "customers": [P("c-1")],
        "catalog": [{"sku": "A", "name": "Old", "url": "https://shop.example/p/a-old", "price": 1.0, "currency": "PLN", "at": "2026-11-01T00:00:00Z"},
                    {"sku": "A", "name": "New", "url": "https://shop.example/p/a-new", "price": 2.0, "currency": "EUR", "at": "2026-11-20T10:00:30Z"},
                    {"sku": "A", "name": "Newer", "url": "https://shop.example/p/a-newer", "price": 3.0, "currency": "EUR", "at": "2026-11-20T10:01:30Z"}],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # fractional seconds and offsets in `at`
    "at-offsets-and-millis": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T09:00:00.250+01:00")],
        "stock": [ST("A", 1, "2026-11-20T11:00:00.5+01:00"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # output files sorted by eventTime: 10:00:00.500Z is later than 10:00:00Z (but sorts first as text)
    "sort-by-event-time-millis": ({
        "customers": [P("c-1"), P("c-2")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z"), SUB("c-2", "B", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("B", 1, "2026-11-20T10:00:00.500Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # cartId is optional and does not split the customer's cart (SPEC §6: per customer)
    "two-cart-ids": ({
        "customers": [P("c-1")],
        "cart": [dict(ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"), cartId="k1"),
                 dict(ADD("c-1", "B", 1, 10.0, "2026-11-20T08:10:00Z"), cartId="k2")],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an order with no items: valid? (it is an order by the customer: ends the ladder)
    "order-without-items": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z")],
        "orders": [{"orderId": "o1", "customerId": "c-1", "channel": "online", "items": [], "at": "2026-11-20T08:30:00Z"}],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an empty address string is no address; a profile segment outside the rules is kept as is
    "empty-address-custom-segment": ({
        "customers": [{"customerId": "c-1", "email": "", "pushToken": "tok", "consent": {"email": True, "push": True},
                       "segment": "vip", "at": "2026-11-01T00:00:00Z"}],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z")],
        "stock": [CLOCK("2026-11-21T12:00:00Z")],
    }, {}),
    # `at` without seconds, with a lower-case z, with an offset without colon
    "at-formats": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00Z"), SUB("c-1", "B", "2026-11-20t08:00:00z"),
                     SUB("c-1", "C", "2026-11-20T09:00:00+0100")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("B", 1, "2026-11-20T10:00:00Z"), ST("C", 1, "2026-11-20T10:00:00Z"),
                  CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an order exactly when step 1 falls due: events before timers -> no reminder
    "order-at-step-due": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z"), ADD("c-1", "B", 1, 10.0, "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("Z", 1, 10.0)], "2026-11-20T09:00:00Z")],
        "stock": [CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an order exactly when step 2 falls due
    "order-at-step2-due": ({
        "customers": [P("c-1")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("Z", 1, 10.0)], "2026-11-21T08:00:00Z")],
        "stock": [CLOCK("2026-11-21T12:00:00Z")],
    }, {}),
    # an order of the sku at the same instant as the sell-out: stock is applied first, so the
    # sell-out comes before the purchase -> sold_out_again
    "order-same-instant-as-sellout": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 1, 10.0)], "2026-11-20T11:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T11:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an order at the release instant (after it, by topic rank) ends the watch: no sold_out_again
    "order-same-instant-as-release-then-sellout": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "orders": [ORD("o1", "c-1", [("A", 1, 10.0)], "2026-11-20T10:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-20T11:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # a sell-out at the very instant a held back_in_stock is released: events first -> sold_out
    "sellout-at-held-release": ({
        "customers": [PUSH("c-1", "UTC")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T22:00:00Z"), ST("A", 0, "2026-11-21T08:00:00Z"), CLOCK("2026-11-21T12:00:00Z")],
    }, {"notify.batch-window": "0 s"}),
    # an order at the very instant a held cart step is released: events first -> ordered
    "order-at-held-cart-release": ({
        "customers": [PUSH("c-1", "UTC")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T21:00:00Z")],
        "orders": [ORD("o1", "c-1", [("Z", 1, 10.0)], "2026-11-21T08:00:00Z")],
        "stock": [CLOCK("2026-11-21T12:00:00Z")],
    }, {}),
    # sell-out exactly soldout.window after the release (inclusive), with the default 7 d
    "soldout-window-7d-inclusive": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T10:00:00Z"), ST("A", 0, "2026-11-27T10:00:00Z"), CLOCK("2026-11-27T12:00:00Z")],
    }, {}),
    # steps fall due exactly while another ladder's step is held; a new activity during the hold
    "activity-during-hold-new-ladder": ({
        "customers": [PUSH("c-1", "UTC")],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-20T21:00:00Z"), ADD("c-1", "B", 1, 10.0, "2026-11-21T07:30:00Z")],
        "stock": [CLOCK("2026-11-21T12:00:00Z")],
    }, {}),
    # --until before the last input: nothing due later is emitted
    "until-earlier": ({
        "customers": [P("c-1")],
        "interest": [SUB("c-1", "A", "2026-11-20T08:00:00Z")],
        "cart": [ADD("c-1", "B", 1, 10.0, "2026-11-20T08:00:00Z")],
        "stock": [ST("A", 1, "2026-11-20T08:59:30Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {"__until": "2026-11-20T09:00:00Z"}),
    # --- engagement, send time, nearest store (SPEC §7) ---
    # step 2 (24 h after 08:00) due 08:00: c-1 prefers 08 (inside: no hold), c-2 prefers 07 (next start
    # 23 h away > 12 h: no hold), c-3 prefers 20 (12 h exactly: held to 20:00), c-4 prefers 19 (11 h)
    "sendtime-boundaries": ({
        "customers": [P("c-1"), P("c-2"), P("c-3"), P("c-4")],
        "engagement": [ENG("c-1", {}, "2026-11-19T00:00:00Z", 8), ENG("c-2", {}, "2026-11-19T00:00:00Z", 7),
                       ENG("c-3", {}, "2026-11-19T00:00:00Z", 20), ENG("c-4", {}, "2026-11-19T00:00:00Z", 19)],
        "cart": [ADD(c, "A", 1, 10.0, "2026-11-19T08:00:00Z") for c in ("c-1", "c-2", "c-3", "c-4")],
        "stock": [CLOCK("2026-11-21T00:00:00Z")],
    }, {}),
    # send time into quiet hours: push, preferred 22 UTC -> held to the end of quiet hours instead
    "sendtime-into-quiet-hours": ({
        "customers": [PUSH("c-1"), PUSH("c-2", "Europe/Warsaw")],
        "engagement": [ENG("c-1", {}, "2026-11-19T00:00:00Z", 22), ENG("c-2", {}, "2026-11-19T00:00:00Z", 6)],
        "cart": [ADD("c-1", "A", 1, 10.0, "2026-11-16T12:30:00Z"), ADD("c-2", "A", 1, 10.0, "2026-11-16T12:30:00Z")],
        "stock": [CLOCK("2026-11-21T00:00:00Z")],
    }, {"cart.steps": "[1 h, 3 d, 4 d]", "channels.abandoned_cart": "[[push], [push], [push]]"}),
    # bounced for the current address, for an old one, without an address; opted out; ok
    "engagement-channel-fallback": ({
        "customers": [dict(P(c), viber="vb-" + c, consent={"email": True, "viber": True}) for c in ("c-1", "c-2", "c-3", "c-4", "c-5")],
        "engagement": [ENG("c-1", {"email": {"status": "bounced", "address": "c-1@example.com"}}, "2026-11-19T00:00:00Z"),
                       ENG("c-2", {"email": {"status": "bounced", "address": "old@example.com"}}, "2026-11-19T00:00:00Z"),
                       ENG("c-3", {"email": {"status": "bounced"}}, "2026-11-19T00:00:00Z"),
                       ENG("c-4", {"email": {"status": "opted_out", "address": "x"}, "viber": {"status": "opted_out"}},
                           "2026-11-19T00:00:00Z"),
                       ENG("c-5", {"email": {"status": "ok", "address": "c-5@example.com"}}, "2026-11-20T10:00:00Z")],
        "interest": [SUB(c, "A", "2026-11-19T08:00:00Z") for c in ("c-1", "c-2", "c-3", "c-4", "c-5")],
        "stock": [ST("A", 2, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # an engagement record at the decision instant is applied before it (events before timers)
    "engagement-at-decision-instant": ({
        "customers": [dict(P("c-1"), viber="vb-1", consent={"email": True, "viber": True})],
        "engagement": [ENG("c-1", {"email": {"status": "bounced"}}, "2026-11-20T10:01:00Z")],
        "interest": [SUB("c-1", "A", "2026-11-19T08:00:00Z")],
        "stock": [ST("A", 2, "2026-11-20T10:00:00Z"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
    # inStore: the home store's level at the step, a report at the same instant counts, another
    # store's does not; a location that never reported the sku leaves inStore out
    "nearest-store": ({
        "customers": [P("c-1", homeStore="waw-1"), P("c-2", homeStore="krk-9"), P("c-3")],
        "cart": [ADD(c, s, 1, 10.0, "2026-11-20T08:00:00Z") for c in ("c-1", "c-2", "c-3") for s in ("A", "B")],
        "stock": [ST("A", 4, "2026-11-20T07:00:00Z", location="waw-1"), ST("A", 2, "2026-11-20T09:00:00Z", location="waw-1"),
                  ST("B", 0, "2026-11-20T09:00:00Z", location="waw-1"), ST("A", 7, "2026-11-20T09:00:00Z", location="gdn-2"),
                  ST("A", 5, "2026-11-20T09:00:01Z", location="waw-1"), CLOCK("2026-11-20T12:00:00Z")],
    }, {}),
}

RAW = {
    # CRLF line endings, a blank line and a JSON null: processed / dead-lettered, never dropped silently
    "crlf-and-blank-lines": {
        "customers.jsonl": json.dumps(P("c-1")) + "\r\n",
        "interest.jsonl": json.dumps(SUB("c-1", "A", "2026-11-20T08:00:00Z")) + "\r\n\r\nnull\r\n[]\r\n",
        "stock.jsonl": json.dumps(ST("A", 1, "2026-11-20T10:00:00Z")) + "\r\n" + json.dumps(CLOCK("2026-11-20T12:00:00Z")) + "\r\n",
    },
}


def build(name):
    if name in RAW:
        d = os.path.join("/tmp/sw-cases", name)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        for fn, text in RAW[name].items():
            with open(os.path.join(d, fn), "w", newline="") as f:
                f.write(text)
        with open(os.path.join(d, "config.yaml"), "w") as f:
            f.write("# defaults\n")
        return d
    files, cfg = CASES[name]
    d = os.path.join("/tmp/sw-cases", name)
    os.makedirs(d, exist_ok=True)
    for t in ["interest", "stock", "catalog", "cart", "orders", "customers", "engagement"]:
        with open(os.path.join(d, t + ".jsonl"), "w") as f:
            for r in files.get(t, []):
                f.write(json.dumps(r, separators=(",", ":")) + "\n")
    with open(os.path.join(d, "config.yaml"), "w") as f:
        for k, v in cfg.items():
            if not k.startswith("__"):
                f.write(f"{k}: {v}\n")
        if not cfg:
            f.write("# defaults\n")
    return d


def main(names):
    names = names or list(CASES) + list(RAW)
    for n in names:
        d = build(n)
        compare.EXTRA_ARGS[:] = ["--until", CASES[n][1]["__until"]] if n in CASES and "__until" in CASES[n][1] else []
        lines = compare.compare_dir(d, os.path.join(d, "config.yaml"), "/tmp/sw-cases-work", label=n)
        print(f"{n}: " + ("agree" if not lines else f"{len(lines)} differences"), flush=True)
        if lines:
            print(compare.summarize(lines, 20), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

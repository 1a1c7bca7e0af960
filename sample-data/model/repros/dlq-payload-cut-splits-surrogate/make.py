#!/usr/bin/env python3
"""Writes stock.jsonl here: one bad record (available -1) of 65 538 UTF-16 units whose 64 KiB cut
falls between the two halves of an emoji."""
import os
pre = '{"sku":"A","available":-1,"at":"2026-11-20T10:00:00Z","note":"'
line = pre + "a" * (65535 - len(pre)) + "\U0001F600\"}"
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stock.jsonl"), "w", encoding="utf-8") as f:
    f.write(line + "\n")

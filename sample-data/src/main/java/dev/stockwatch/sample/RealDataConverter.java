package dev.stockwatch.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the real public e-commerce samples (REES46 CSV, OTTO sessions JSONL) into stockwatch
 * replay input: {@code cart.jsonl}, {@code orders.jsonl} and {@code customers.jsonl}.
 *
 * <p>REES46: a {@code cart} row is an {@code add} of one unit of {@code product_id} at {@code
 * price}; a {@code purchase} row is an online order of one unit; {@code view} rows are skipped;
 * {@code user_id} is the customer. OTTO: {@code carts} is an {@code add} of one unit (price 0,
 * the dataset has none); the {@code orders} of one session at one instant are one order;
 * the session is the customer. Every customer gets a profile with an email address and email
 * consent, stamped at the first event of the file. Rows that are cut short or malformed are
 * skipped and counted.
 *
 * <p>Self-contained, so it runs without a build:
 * {@code java sample-data/src/main/java/dev/stockwatch/sample/RealDataConverter.java rees46 FILE.csv OUTDIR}.
 */
public final class RealDataConverter {
    private static final Pattern OTTO_EVENT =
            Pattern.compile("\\{\"aid\":(\\d+),\"ts\":(\\d+),\"type\":\"(clicks|carts|orders)\"}");
    private static final Pattern OTTO_SESSION = Pattern.compile("\\{\"session\":(\\d+),");

    private RealDataConverter() {}

    /** What a conversion wrote. */
    public record Result(int carts, int orders, int customers, int skippedRows) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !(args[0].equals("rees46") || args[0].equals("otto"))) {
            System.err.println("usage: RealDataConverter rees46|otto INPUT OUTDIR");
            System.exit(2);
        }
        Path in = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Result r = args[0].equals("rees46") ? rees46(in, out) : otto(in, out);
        System.out.printf("%s -> %s: %d cart adds, %d orders, %d customers, %d rows skipped%n",
                in, out, r.carts(), r.orders(), r.customers(), r.skippedRows());
    }

    /** One REES46 row: {@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session}. */
    public record Rees46Row(long line, String at, String type, String productId, String price, String userId) {}

    /** The cart and purchase rows of a REES46 CSV, in file order; malformed rows are left out. */
    public static List<Rees46Row> rees46Rows(Path csv, int[] skipped) throws IOException {
        List<Rees46Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("event_time,")) {
                throw new IOException(csv + ": not a REES46 file (header event_time,event_type,...)");
            }
            String text;
            long line = 1;
            while ((text = reader.readLine()) != null) {
                line++;
                String[] f = text.strip().split(",", -1);
                if (f.length != 9 || f[8].isEmpty() || !f[0].matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC")
                        || !f[7].matches("\\d+") || !f[2].matches("\\d+") || !f[6].matches("\\d+(\\.\\d+)?")) {
                    skipped[0]++;
                    continue;
                }
                if (f[1].equals("cart") || f[1].equals("purchase")) {
                    String at = f[0].substring(0, 10) + "T" + f[0].substring(11, 19) + "Z";
                    rows.add(new Rees46Row(line, at, f[1], f[2], f[6], f[7]));
                }
            }
        }
        return rows;
    }

    public static Result rees46(Path csv, Path outDir) throws IOException {
        int[] skipped = {0};
        List<Rees46Row> rows = rees46Rows(csv, skipped);
        List<String> carts = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        Map<String, String> firstSeen = new LinkedHashMap<>();
        String start = null;
        for (Rees46Row r : rows) {
            String customer = "rees46-" + r.userId();
            firstSeen.putIfAbsent(customer, r.at());
            start = start == null || r.at().compareTo(start) < 0 ? r.at() : start;
            if (r.type().equals("cart")) {
                carts.add("{\"type\":\"add\",\"customerId\":\"" + customer + "\",\"sku\":\"" + r.productId()
                        + "\",\"quantity\":1,\"unitPrice\":" + r.price() + ",\"currency\":\"USD\",\"at\":\"" + r.at() + "\"}");
            } else {
                orders.add("{\"orderId\":\"rees46-" + csv.getFileName() + "-" + r.line() + "\",\"customerId\":\"" + customer
                        + "\",\"channel\":\"online\",\"items\":[{\"sku\":\"" + r.productId() + "\",\"quantity\":1,\"unitPrice\":"
                        + r.price() + "}],\"at\":\"" + r.at() + "\"}");
            }
        }
        return write(outDir, carts, orders, firstSeen.keySet(), start, skipped[0]);
    }

    public static Result otto(Path sessions, Path outDir) throws IOException {
        List<String> carts = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        long first = Long.MAX_VALUE;
        int skipped = 0;
        for (String line : Files.readAllLines(sessions, StandardCharsets.UTF_8)) {
            Matcher session = OTTO_SESSION.matcher(line);
            if (!session.lookingAt()) {
                skipped += line.isBlank() ? 0 : 1;
                continue;
            }
            String customer = "otto-" + session.group(1);
            Map<Long, List<String>> ordersAt = new TreeMap<>();
            boolean any = false;
            Matcher e = OTTO_EVENT.matcher(line);
            while (e.find()) {
                long ts = Long.parseLong(e.group(2));
                String at = java.time.Instant.ofEpochMilli(ts).toString();
                if (e.group(3).equals("carts")) {
                    carts.add("{\"type\":\"add\",\"customerId\":\"" + customer + "\",\"sku\":\"" + e.group(1)
                            + "\",\"quantity\":1,\"unitPrice\":0,\"at\":\"" + at + "\"}");
                    any = true;
                    first = Math.min(first, ts);
                } else if (e.group(3).equals("orders")) {
                    ordersAt.computeIfAbsent(ts, k -> new ArrayList<>())
                            .add("{\"sku\":\"" + e.group(1) + "\",\"quantity\":1,\"unitPrice\":0}");
                    any = true;
                    first = Math.min(first, ts);
                }
            }
            for (Map.Entry<Long, List<String>> o : ordersAt.entrySet()) {
                orders.add("{\"orderId\":\"" + customer + "-" + o.getKey() + "\",\"customerId\":\"" + customer
                        + "\",\"channel\":\"online\",\"items\":[" + String.join(",", o.getValue()) + "],\"at\":\""
                        + java.time.Instant.ofEpochMilli(o.getKey()) + "\"}");
            }
            if (any) {
                customers.add(customer);
            }
        }
        String start = first == Long.MAX_VALUE ? null : java.time.Instant.ofEpochMilli(first).toString();
        return write(outDir, carts, orders, customers, start, skipped);
    }

    private static Result write(Path outDir, List<String> carts, List<String> orders, Iterable<String> customers,
            String start, int skipped) throws IOException {
        Files.createDirectories(outDir);
        List<String> profiles = new ArrayList<>();
        for (String customer : customers) {
            profiles.add("{\"customerId\":\"" + customer + "\",\"email\":\"" + customer
                    + "@example.com\",\"consent\":{\"email\":true},\"at\":\"" + start + "\"}");
        }
        Files.write(outDir.resolve("cart.jsonl"), carts, StandardCharsets.UTF_8);
        Files.write(outDir.resolve("orders.jsonl"), orders, StandardCharsets.UTF_8);
        Files.write(outDir.resolve("customers.jsonl"), profiles, StandardCharsets.UTF_8);
        return new Result(carts.size(), orders.size(), profiles.size(), skipped);
    }
}

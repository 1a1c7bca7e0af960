/**
 * Flink's CEP operator with its per-key maps stored as one value per key ({@link
 * dev.stockwatch.job.cep.CompactCepOperator}), for the two patterns of the job (SPEC §5, §13). The
 * patterns themselves live with their features ({@code soldout}, {@code conversion}).
 */
package dev.stockwatch.job.cep;

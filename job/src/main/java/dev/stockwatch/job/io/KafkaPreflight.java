package dev.stockwatch.job.io;

import dev.stockwatch.udfs.config.ConfigException;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One look at the broker with the job's own client settings before the live job is submitted.
 * Once running, the job restarts for as long as it takes, so a wrong password or certificate
 * would only show as endless restarts: here it stops the submission with a message that says
 * what to fix. A broker that cannot be reached yet, or a missing topic, only warns (the broker
 * may come up after the job; the job then waits for it).
 */
public final class KafkaPreflight {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private KafkaPreflight() {}

    public static void check(StockwatchConfig config, PrintStream out) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties());
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers);
        properties.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        properties.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, config.kafkaGroupId + "-preflight");
        List<String> inputs = Arrays.stream(Topic.values()).map(config::topic).toList();
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.describeTopics(inputs).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("Kafka at " + config.kafkaBootstrapServers + ": connected, every input topic exists");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException) {
                throw new ConfigException("Kafka at " + config.kafkaBootstrapServers + " refused this job's credentials: "
                        + cause.getMessage() + " Check kafka.properties.* (security.protocol, sasl.mechanism, "
                        + "sasl.jaas.config, ssl.truststore.*) against the broker's listener and user.");
            }
            if (cause instanceof AuthorizationException) {
                throw new ConfigException("Kafka at " + config.kafkaBootstrapServers + " does not allow this job's user: "
                        + cause.getMessage() + " It needs to describe and read the input topics and the consumer group "
                        + config.kafkaGroupId + ", and to write the output topics transactionally.");
            }
            if (cause instanceof UnknownTopicOrPartitionException) {
                out.println("WARNING: " + cause.getMessage() + " Inputs: " + inputs
                        + "; the job reads a topic once it exists (deploy/topics.txt lists them).");
                return;
            }
            out.println("WARNING: Kafka at " + config.kafkaBootstrapServers + " could not be checked: " + cause);
        } catch (TimeoutException e) {
            out.println("WARNING: Kafka at " + config.kafkaBootstrapServers + " did not answer within " + TIMEOUT.toSeconds()
                    + " s; the job starts anyway and connects when it can.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.credbroker.audit;

/**
 * This broker process's name among those sharing a database: the {@code instance} of every event it writes and
 * the chain it writes them to. The phase lifecycle provides it (the same id names its revocation claims), so the
 * audit package needs nothing from it.
 */
public interface BrokerInstance {
    String id();
}

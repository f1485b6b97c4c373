package dev.credbroker.api;

/** The request attribute under which a controller leaves what it knows of a verified token for the refusal log. */
final class RefusalFacts {
    static final String ATTRIBUTE = "credbroker.token-facts";

    private RefusalFacts() {
    }
}

package dev.switchboard.card.internal.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** A native query being assembled: its text and its positional parameters, numbered as they are added. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    Sql append(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Adds a parameter and returns its placeholder. */
    String parameter(Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }

    /** Placeholders for every value, comma-separated, for an {@code in (...)} list. */
    String parameters(Collection<?> values) {
        return values.stream().map(this::parameter).collect(Collectors.joining(", "));
    }

    Query query(EntityManager em) {
        Query query = em.createNativeQuery(text.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

package dev.switchboard.console.internal.web;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Creates the console's views and layouts with their collaborators passed to the constructor: each parameter is
 * resolved by type from {@link ConsoleServices} (the OSGi services the servlet component was given). Everything
 * else (Vaadin's own classes, parameterless components) is left to {@link DefaultInstantiator}.
 */
final class ConsoleInstantiator extends DefaultInstantiator {

    private static final String CONSOLE_PACKAGE = "dev.switchboard.console.internal.";

    private final ConsoleServices services;
    private final I18NProvider i18n;
    private final VaadinServiceInitListener initListener;

    ConsoleInstantiator(VaadinService service, ConsoleServices services, I18NProvider i18n,
                        VaadinServiceInitListener initListener) {
        super(service);
        this.services = services;
        this.i18n = i18n;
        this.initListener = initListener;
    }

    @Override
    public Stream<VaadinServiceInitListener> getServiceInitListeners() {
        return Stream.concat(super.getServiceInitListeners(), Stream.of(initListener));
    }

    @Override
    public I18NProvider getI18NProvider() {
        return i18n;
    }

    @Override
    public <T> T getOrCreate(Class<T> type) {
        return isConsoleClass(type) ? construct(type) : super.getOrCreate(type);
    }

    @Override
    public <T extends Component> T createComponent(Class<T> componentClass) {
        return isConsoleClass(componentClass) ? construct(componentClass) : super.createComponent(componentClass);
    }

    private static boolean isConsoleClass(Class<?> type) {
        return type.getName().startsWith(CONSOLE_PACKAGE);
    }

    private <T> T construct(Class<T> type) {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " must have exactly one public constructor, has "
                    + constructors.length);
        }
        Constructor<?> constructor = constructors[0];
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(parameter -> services.find(parameter).orElseThrow(() -> new IllegalStateException(
                        type.getName() + " asks for " + parameter.getName() + ", which the console does not offer")))
                .toArray();
        try {
            return type.cast(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot create " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName(), e);
        }
    }
}

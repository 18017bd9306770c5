package io.eso4j.spring;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's own rebinding, without Spring Cloud: re-runs Boot's binding post-processor on each JavaBean-style
 * {@code @ConfigurationProperties} bean whose prefix covers a changed property, the properties that reference one
 * through placeholders included (the caller passes them, see {@link SecretProvenance#dependents}). Constructor-bound
 * beans and records keep their values.
 *
 * <p>A rebind that fails (a setter that refuses, like a running Hikari pool's sealed configuration; a value that
 * does not convert) is undone: the bean's properties, and those of its nested beans, maps and collections, get back
 * the values they had before, so no change is half applied. The failure is logged at WARN with the bean, its prefix
 * and the property that failed, never a value; the other beans are still rebound and the change event still goes
 * out. Thread-safe (one rebind at a time).
 */
final class BootPropertyRebinder implements PropertyRebinder {

    private static final Log log = LogFactory.getLog(BootPropertyRebinder.class);

    /** Nested beans deeper than this are not restored after a failed rebind. */
    private static final int MAX_DEPTH = 4;

    private final ConfigurableApplicationContext context;

    BootPropertyRebinder(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public synchronized void rebind(Set<String> propertyNames) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        ConfigurationPropertiesBean.getAll(context).forEach((name, bean) -> {
            if (bean.asBindTarget().getBindMethod() == BindMethod.JAVA_BEAN
                    && covers(bean.getAnnotation().prefix(), propertyNames)) {
                Object instance = bean.getInstance();
                State before = State.of(instance, 0, new IdentityHashMap<>());
                try {
                    beans.initializeBean(instance, name);
                } catch (RuntimeException e) {
                    List<String> restoreFailures = new ArrayList<>();
                    before.restore(restoreFailures);
                    log.warn("Could not rebind @ConfigurationProperties bean '" + name + "' (prefix '"
                            + bean.getAnnotation().prefix() + "') after a change of its properties: "
                            + describe(e) + "; it keeps all the values it had"
                            + (restoreFailures.isEmpty()
                                    ? ""
                                    : " except " + restoreFailures + ", which could not be set back")
                            + ". The Environment has the new values.");
                }
            }
        });
    }

    /** The property that failed and the class of the cause, never a message (it may hold the value). */
    static String describe(Throwable failure) {
        String property = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException bind && property == null) {
                property = bind.getProperty() != null
                        ? bind.getProperty().getName().toString()
                        : bind.getName().toString();
            }
            root = t;
        }
        return (property == null ? "binding failed" : "binding " + property + " failed") + " with "
                + root.getClass().getName();
    }

    private static boolean covers(String prefix, Set<String> propertyNames) {
        ConfigurationPropertyName root = ConfigurationPropertyName.adapt(prefix, '.');
        for (String propertyName : propertyNames) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(propertyName, '.');
            if (root.isEmpty() || root.equals(name) || root.isAncestorOf(name) || name.isAncestorOf(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The values of a bean's readable and writable properties: simple values as they are, copies of maps and
     * collections, and the state of nested beans (which the binder fills in place).
     */
    private record State(BeanWrapper bean, Map<String, Object> values, Map<String, State> nested) {

        static State of(Object instance, int depth, Map<Object, Boolean> seen) {
            BeanWrapper bean = new BeanWrapperImpl(instance);
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, State> nested = new LinkedHashMap<>();
            seen.put(instance, Boolean.TRUE);
            for (PropertyDescriptor property : bean.getPropertyDescriptors()) {
                String name = property.getName();
                if (!bean.isReadableProperty(name) || !bindable(bean, property, instance.getClass())) {
                    continue;
                }
                Object value;
                try {
                    value = bean.getPropertyValue(name);
                } catch (RuntimeException e) {
                    continue;
                }
                if (value instanceof Map<?, ?> map) {
                    values.put(name, new Copy(map, new LinkedHashMap<>(map)));
                } else if (value instanceof Collection<?> collection) {
                    values.put(name, new Copy(collection, new ArrayList<>(collection)));
                } else if (bean.isWritableProperty(name)) {
                    values.put(name, value);
                }
                if (value != null && depth < MAX_DEPTH && !seen.containsKey(value) && isNestedBean(value.getClass())) {
                    nested.put(name, State.of(value, depth + 1, seen));
                }
            }
            return new State(bean, values, nested);
        }

        /**
         * Whether the binder could change {@code property}, so its getter is called: writable, or a map or
         * collection, or a bean of the same package (filled in place). Other getters are never called: a
         * DataSource's {@code getConnection()} is a read-only property too.
         */
        private static boolean bindable(BeanWrapper bean, PropertyDescriptor property, Class<?> owner) {
            Class<?> type = property.getPropertyType();
            if (property.getReadMethod() == null || type == null) {
                return false;
            }
            return bean.isWritableProperty(property.getName())
                    || Map.class.isAssignableFrom(type)
                    || Collection.class.isAssignableFrom(type)
                    || (isNestedBean(type) && type.getPackageName().equals(owner.getPackageName()));
        }

        private static boolean isNestedBean(Class<?> type) {
            return !BeanUtils.isSimpleValueType(type)
                    && !type.isArray()
                    && !Map.class.isAssignableFrom(type)
                    && !Collection.class.isAssignableFrom(type)
                    && !type.getName().startsWith("java.")
                    && !type.getName().startsWith("javax.");
        }

        /** Sets back what differs now; what cannot be set back is added to {@code failures} by property name. */
        void restore(List<String> failures) {
            values.forEach((name, before) -> {
                try {
                    Object now = bean.getPropertyValue(name);
                    if (before instanceof Copy copy) {
                        copy.restore(bean, name, now);
                    } else if (!Objects.equals(now, before) && bean.isWritableProperty(name)) {
                        bean.setPropertyValue(name, before);
                    }
                } catch (RuntimeException e) {
                    failures.add(name);
                }
            });
            nested.forEach((name, state) -> state.restore(failures));
        }
    }

    /** A map or collection (the instance the bean held) and a copy of its contents before the rebind. */
    private record Copy(Object instance, Object contents) {

        @SuppressWarnings({"unchecked", "rawtypes"})
        void restore(BeanWrapper bean, String name, Object now) {
            if (now == instance && Objects.equals(now, contents)) {
                return;
            }
            if (now != instance && bean.isWritableProperty(name)) {
                bean.setPropertyValue(name, instance);
            }
            if (!Objects.equals(instance, contents)) {
                if (instance instanceof Map map) {
                    map.clear();
                    map.putAll((Map) contents);
                } else if (instance instanceof Collection collection) {
                    collection.clear();
                    collection.addAll((Collection) contents);
                }
            }
        }
    }
}

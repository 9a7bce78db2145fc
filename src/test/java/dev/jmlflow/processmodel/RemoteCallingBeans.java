package dev.jmlflow.processmodel;

import dev.jmlflow.notification.NotificationService;
import dev.jmlflow.provisioning.ProvisioningService;
import dev.jmlflow.scim.ScimApi;
import dev.jmlflow.targets.CapabilityProbe;
import dev.jmlflow.targets.TargetRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.mail.MailSender;

/**
 * Which Spring beans a BPMN task may use to reach a SCIM app or a mail server: those that depend, through their
 * constructors and transitively, on one of the types that make such calls. Found by scanning the application's
 * components, without starting Spring, so the lint cannot be satisfied by naming a task "local".
 */
final class RemoteCallingBeans {

    /** Whoever holds one of these can call out of the process: SCIM apps or a mail server. */
    private static final List<Class<?>> CALLS_OUT = List.of(ProvisioningService.class, TargetRegistry.class,
            ScimApi.class, CapabilityProbe.class, NotificationService.class, MailSender.class);

    /** Names an expression may start with that are the engine's, not beans. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "authenticatedUserId");

    private static final Pattern LEADING_NAME = Pattern.compile("^[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, Class<?>> beans;

    private RemoteCallingBeans(Map<String, Class<?>> beans) {
        this.beans = beans;
    }

    static RemoteCallingBeans scan(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(true);
        var registry = new SimpleBeanDefinitionRegistry();
        Map<String, Class<?>> beans = new HashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = load(definition.getBeanClassName());
            beans.put(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, registry), type);
            for (Method method : type.getDeclaredMethods()) {
                Bean bean = method.getAnnotation(Bean.class);
                if (bean != null) {
                    beans.put(bean.name().length > 0 ? bean.name()[0] : method.getName(), method.getReturnType());
                }
            }
        }
        return new RemoteCallingBeans(beans);
    }

    /** Whether a task with this implementation calls SCIM or mail; fails for a bean that does not exist. */
    boolean callsOut(String delegateExpression, String expression, String className, String type) {
        if ("external".equals(type)) {
            return false;
        }
        if (className != null) {
            return reaches(load(className), new HashSet<>());
        }
        String used = delegateExpression != null ? delegateExpression : expression;
        if (used == null) {
            return false;
        }
        Matcher name = LEADING_NAME.matcher(used.strip());
        if (!name.find()) {
            throw new AssertionError("cannot tell which bean the expression '" + used + "' uses");
        }
        if (ENGINE_NAMES.contains(name.group(1))) {
            return false;
        }
        Class<?> bean = beans.get(name.group(1));
        if (bean == null) {
            throw new AssertionError("no Spring bean named '" + name.group(1) + "' (used by '" + used + "')");
        }
        return reaches(bean, new HashSet<>());
    }

    private boolean reaches(Class<?> type, Set<Class<?>> seen) {
        if (CALLS_OUT.stream().anyMatch(remote -> remote.isAssignableFrom(type))) {
            return true;
        }
        if (!type.getName().startsWith("dev.jmlflow.") || !seen.add(type)) {
            return false;
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return beans.values().stream().filter(type::isAssignableFrom).filter(impl -> impl != type)
                    .anyMatch(impl -> reaches(impl, seen));
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            for (Type parameter : constructor.getGenericParameterTypes()) {
                if (classesIn(parameter).anyMatch(dependency -> reaches(dependency, seen))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The raw class and, for {@code ObjectProvider<X>}, {@code List<X>} and the like, the type arguments. */
    private static Stream<Class<?>> classesIn(Type type) {
        if (type instanceof Class<?> c) {
            return Stream.of(c);
        }
        if (type instanceof ParameterizedType p) {
            return Stream.concat(classesIn(p.getRawType()), Stream.of(p.getActualTypeArguments()).flatMap(RemoteCallingBeans::classesIn));
        }
        return Stream.empty();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RemoteCallingBeans.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("class " + name + " not found", e);
        }
    }
}

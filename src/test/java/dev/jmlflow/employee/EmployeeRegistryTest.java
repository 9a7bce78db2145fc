package dev.jmlflow.employee;

/** The registry on H2, the database of sandbox mode and of the tests. */
class EmployeeRegistryTest extends EmployeeRegistryContract {

    private static final EmployeeRegistry REGISTRY = Registries.onFreshH2();

    @Override
    protected EmployeeRegistry registry() {
        return REGISTRY;
    }
}

# jmlflow image: built from source, so `docker compose up --build` works on a fresh clone.
# Stage 1 builds the Spring Boot jar with the Maven wrapper (tests run in CI, not here).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/main/ src/main/
COPY processes/ processes/
COPY forms/ forms/
RUN ./mvnw -B -q -DskipTests package && cp target/jmlflow-*.jar /app.jar

# Stage 2: a plain JRE that runs the jar as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app jmlflow && mkdir -p /app/data && chown -R jmlflow /app
WORKDIR /app
COPY --from=build /app.jar /app/jmlflow.jar
USER jmlflow
EXPOSE 8080
# MaxRAMPercentage: size the heap from the container's memory limit
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/jmlflow.jar"]

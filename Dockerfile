# The operator image. Build from the repository root:
#   docker build -t microservice-operator:dev .
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl operator -am package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /src/operator/target/microservice-operator.jar /app/microservice-operator.jar
# Numeric non-root user, so Kubernetes can verify runAsNonRoot.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/microservice-operator.jar"]

/** Tests that an endpoint project outside this repository builds as docs/endpoints.md says. */
package dev.microservice.docs.standalone;

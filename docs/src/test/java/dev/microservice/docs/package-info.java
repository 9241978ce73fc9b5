/** Tests that keep the user documentation true to the code: fields, reasons, commands. */
package dev.microservice.docs;

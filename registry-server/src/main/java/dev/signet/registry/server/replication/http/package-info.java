/**
 * HTTP adapters of replication: the admin API ({@link
 * dev.signet.registry.server.replication.http.ReplicationAdminHandler}, framework-free, with a Jetty
 * adapter) and the push observer that feeds events to the service.
 */
package dev.signet.registry.server.replication.http;

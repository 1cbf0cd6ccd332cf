/**
 * The cascading layer's machinery: {@code sites} (registry, health), {@code jobs} (workers), {@code scheduling},
 * the proxies ({@code compute}, {@code network}, {@code image}, {@code volume}) that make top resources real in sites through
 * {@code routing}, and {@code polling}, which pulls their status back.
 */
package io.cascadia.cascade;

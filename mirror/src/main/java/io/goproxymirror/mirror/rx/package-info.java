/**
 * Bridges between Vert.x futures and RxJava types, for every package that mixes the two.
 * Depends on Vert.x core and RxJava only; nothing of the mirror.
 */
package io.goproxymirror.mirror.rx;

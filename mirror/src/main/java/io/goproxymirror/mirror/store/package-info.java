/**
 * Storage behind two interfaces, blobs ({@link BlobStore}) and metadata ({@link MetadataStore}):
 * the file store and the embedded metadata store (its MVStore file and the sync worker's stores
 * kept in it), the staging area, free-space checks and the degradable wrapper.
 *
 * <p>Depends on {@code errors} and on the sync worker's store interfaces; never on {@code fetch},
 * {@code serve} or {@code http}.
 */
package io.goproxymirror.mirror.store;

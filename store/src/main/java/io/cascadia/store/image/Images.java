package io.cascadia.store.image;

import io.cascadia.core.image.Image;
import io.cascadia.store.Filters;
import io.cascadia.store.JsonText;
import io.cascadia.store.Listing;
import io.cascadia.store.Rows;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Glance images and their data. Data is kept in the database in chunks of {@link #CHUNK_BYTES}, so any Cascadia
 * node over the same database can serve it and a download streams one chunk at a time.
 */
public final class Images {
    public static final int CHUNK_BYTES = 1024 * 1024;

    private static final RowMapper<Image> MAPPER = (rs, ctx) -> {
        Long size = rs.getLong("size_bytes");
        size = rs.wasNull() ? null : size;
        return new Image(rs.getString("id"), rs.getString("owner"), rs.getString("name"), rs.getString("status"),
                rs.getString("visibility"), rs.getBoolean("protected"), rs.getString("disk_format"),
                rs.getString("container_format"), rs.getInt("min_disk"), rs.getInt("min_ram"), size,
                rs.getString("checksum"), rs.getString("hash_algo"), rs.getString("hash_value"),
                JsonText.list(rs.getString("tags"), String.class), JsonText.stringMap(rs.getString("properties")),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    };

    private final Jdbi jdbi;

    public Images(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Image image) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into image (id, owner, name, status, visibility, protected, disk_format, container_format,
                          min_disk, min_ram, size_bytes, checksum, hash_algo, hash_value, tags, properties, created_at, updated_at)
                        values (:id, :ownerProjectId, :name, :status, :visibility, :isProtected, :diskFormat, :containerFormat,
                          :minDisk, :minRam, :sizeBytes, :checksum, :hashAlgo, :hashValue, :tagsJson, :propsJson, :createdAt,
                          :updatedAt)""")
                .bindMethods(image)
                .bind("tagsJson", JsonText.write(image.tags()))
                .bind("propsJson", JsonText.write(image.properties()))
                .execute());
    }

    public void update(Image image) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update image set name = :name, status = :status, visibility = :visibility, protected = :isProtected,
                          disk_format = :diskFormat, container_format = :containerFormat, min_disk = :minDisk,
                          min_ram = :minRam, size_bytes = :sizeBytes, checksum = :checksum, hash_algo = :hashAlgo,
                          hash_value = :hashValue, tags = :tagsJson, properties = :propsJson, updated_at = :updatedAt
                        where id = :id""")
                .bindMethods(image)
                .bind("tagsJson", JsonText.write(image.tags()))
                .bind("propsJson", JsonText.write(image.properties()))
                .execute());
    }

    /**
     * Moves the image from {@code expected} to {@code next} status; false when another request moved it first.
     */
    public boolean transition(String id, String expected, String next, java.time.Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "update image set status = :next, updated_at = :now where id = :id and status = :expected")
                .bind("id", id).bind("expected", expected).bind("next", next).bind("now", now).execute()) > 0;
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from image where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Image> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from image where id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /**
     * What an image list asks for. {@code projectId} null lists every image (administrators); {@code visibility} null
     * is Glance's default list: the project's own images, public ones, and shared ones it accepted (community
     * images only when asked for); {@code all} is every image the project may see.
     */
    public record ImageQuery(String projectId, String visibility, String name, String status, String owner, String markerId,
                             int limit) {
    }

    /** One page, newest first, filtered in SQL. */
    public List<Image> list(ImageQuery query) {
        Filters filters = new Filters().equal("t.name", query.name()).equal("t.status", query.status())
                .equal("t.owner", query.owner());
        String accepted = "exists (select 1 from image_member m where m.image_id = t.id and m.member_id = :p"
                + " and m.status = 'accepted')";
        String visibility = query.visibility() == null ? "default" : query.visibility();
        if (query.projectId() != null) {
            String condition = switch (visibility) {
                case "public" -> "t.visibility = 'public'";
                case "community" -> "t.visibility = 'community'";
                case "private" -> "t.visibility = 'private' and t.owner = :p";
                case "shared" -> "t.visibility = 'shared' and (t.owner = :p or " + accepted + ")";
                case "all" -> "(t.owner = :p or t.visibility in ('public', 'community') or (t.visibility = 'shared' and " + accepted + "))";
                default -> "(t.owner = :p or t.visibility = 'public' or (t.visibility = 'shared' and " + accepted + "))";
            };
            filters.where(condition, Map.of("p", query.projectId()));
        } else if (!visibility.equals("all") && !visibility.equals("default")) {
            filters.equal("t.visibility", visibility);
        }
        Listing listing = new Listing(filters, List.of(new Listing.Order("t.created_at", false), new Listing.Order("t.id", false)),
                query.markerId(), query.limit());
        return jdbi.withHandle(h -> listing.query(h, "t.*", "image", "id", MAPPER));
    }

    /** Stores the data, replacing any, and returns its size; the caller's transaction makes it all or nothing. */
    public long writeData(String id, InputStream data) {
        return jdbi.withHandle(h -> {
            h.createUpdate("delete from image_chunk where image_id = :id").bind("id", id).execute();
            long total = 0;
            int seq = 0;
            try {
                byte[] chunk;
                while ((chunk = data.readNBytes(CHUNK_BYTES)).length > 0) {
                    insertChunk(h, id, seq++, chunk);
                    total += chunk.length;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading image data failed", e);
            }
            return total;
        });
    }

    /** Writes the stored data to {@code out}, one chunk at a time. */
    public void readData(String id, OutputStream out) throws IOException {
        int count = jdbi.withHandle(h -> h.createQuery("select count(*) from image_chunk where image_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
        for (int seq = 0; seq < count; seq++) {
            int current = seq;
            byte[] chunk = jdbi.withHandle(h -> h.createQuery("select data from image_chunk where image_id = :id and seq = :s")
                    .bind("id", id).bind("s", current).mapTo(byte[].class).one());
            out.write(chunk);
        }
    }

    /**
     * The stored data as a stream that reads one chunk from the database at a time, so even a large image never sits
     * in memory whole. Empty when the image has no data.
     */
    public InputStream openData(String id) {
        int count = jdbi.withHandle(h -> h.createQuery("select count(*) from image_chunk where image_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
        return new InputStream() {
            private int next;
            private byte[] chunk = new byte[0];
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == chunk.length) {
                    if (next == count) {
                        return -1;
                    }
                    chunk = chunk(id, next++);
                    position = 0;
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    private byte[] chunk(String id, int seq) throws IOException {
        return jdbi.withHandle(h -> h.createQuery("select data from image_chunk where image_id = :id and seq = :s")
                .bind("id", id).bind("s", seq).mapTo(byte[].class).findOne())
                .orElseThrow(() -> new IOException("chunk " + seq + " of image " + id + " is gone"));
    }

    private static void insertChunk(Handle h, String id, int seq, byte[] chunk) {
        h.createUpdate("insert into image_chunk (image_id, seq, data) values (:id, :s, :d)")
                .bind("id", id).bind("s", seq).bind("d", chunk).execute();
    }

    /** Members of an image: project id to status. */
    public Map<String, String> members(String imageId) {
        java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("select member_id, status from image_member where image_id = :i order by member_id")
                .bind("i", imageId)
                .map((rs, ctx) -> Map.entry(rs.getString("member_id"), rs.getString("status")))
                .forEach(e -> members.put(e.getKey(), e.getValue())));
        return members;
    }

    public Optional<MemberRow> member(String imageId, String memberId) {
        return jdbi.withHandle(h -> h.createQuery("select * from image_member where image_id = :i and member_id = :m")
                .bind("i", imageId).bind("m", memberId)
                .map((rs, ctx) -> new MemberRow(rs.getString("image_id"), rs.getString("member_id"), rs.getString("status"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")))
                .findOne());
    }

    public List<MemberRow> memberRows(String imageId) {
        return jdbi.withHandle(h -> h.createQuery("select * from image_member where image_id = :i order by member_id")
                .bind("i", imageId)
                .map((rs, ctx) -> new MemberRow(rs.getString("image_id"), rs.getString("member_id"), rs.getString("status"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")))
                .list());
    }

    /** One membership of an image. */
    public record MemberRow(String imageId, String memberId, String status, java.time.Instant createdAt,
                            java.time.Instant updatedAt) {
    }

    public void insertMember(MemberRow member) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into image_member (image_id, member_id, status, created_at, updated_at)
                        values (:imageId, :memberId, :status, :createdAt, :updatedAt)""")
                .bindMethods(member).execute());
    }

    public void updateMember(MemberRow member) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update image_member set status = :status, updated_at = :updatedAt
                        where image_id = :imageId and member_id = :memberId""")
                .bindMethods(member).execute());
    }

    public boolean deleteMember(String imageId, String memberId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from image_member where image_id = :i and member_id = :m")
                .bind("i", imageId).bind("m", memberId).execute()) > 0;
    }
}

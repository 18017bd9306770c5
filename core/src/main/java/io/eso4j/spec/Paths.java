package io.eso4j.spec;

/** Field paths in the {@code spec.data[1].remoteRef.key} form used by every message. */
final class Paths {

    private Paths() {}

    static String field(String parent, String name) {
        String segment = isPlain(name) ? name : "[" + GoDuration.quote(name) + "]";
        if (parent.isEmpty()) {
            return segment.startsWith("[") ? segment : name;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A JSON pointer from Jackson ({@code /spec/data/1/key}); numeric segments are shown as list indices. */
    static String fromPointer(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return "";
        }
        String path = "";
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (!segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
                path = index(path, Integer.parseInt(segment.length() > 9 ? "999999999" : segment));
            } else {
                path = field(path, segment);
            }
        }
        return path;
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}

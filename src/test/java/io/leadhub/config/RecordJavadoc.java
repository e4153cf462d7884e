package io.leadhub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;

/**
 * A record's Javadoc, read from its source file with the JDK's own parser: its description and its
 * {@code @param} text per component, the way the configuration processor reads the records it sees.
 */
final class RecordJavadoc {

    /** What one type's Javadoc says. */
    record Doc(String summary, Map<String, String> params) {
        static final Doc NONE = new Doc("", Map.of());
    }

    private final Path sources;
    private final Map<String, Doc> byType = new HashMap<>();

    RecordJavadoc(Path sources) {
        this.sources = sources;
    }

    /** The type's description (without its tags); empty when there is none. */
    String summary(Class<?> type) {
        return doc(type).summary();
    }

    /** The {@code @param} text of each component. */
    Map<String, String> params(Class<?> type) {
        return doc(type).params();
    }

    private Doc doc(Class<?> type) {
        var outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        if (!byType.containsKey(type.getName())) {
            parse(outer);
        }
        return byType.getOrDefault(type.getName(), Doc.NONE);
    }

    /** Reads every type declared in the top-level type's source file. */
    private void parse(Class<?> outer) {
        var file = sources.resolve(outer.getName().replace('.', '/') + ".java");
        if (!Files.exists(file)) {
            byType.put(outer.getName(), Doc.NONE);
            return;
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        try (var files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            var task = (JavacTask) compiler.getTask(null, files, d -> { }, List.of("-proc:none"), null, files.getJavaFileObjects(file));
            var docs = DocTrees.instance(task);
            for (var unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    private final ArrayDeque<String> names = new ArrayDeque<>();

                    @Override
                    public Void visitClass(ClassTree tree, Void unused) {
                        names.addLast(tree.getSimpleName().toString());
                        var binaryName = outer.getPackageName() + "." + String.join("$", names);
                        byType.put(binaryName, read(docs.getDocCommentTree(getCurrentPath())));
                        super.visitClass(tree, unused);
                        names.removeLast();
                        return null;
                    }
                }.scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byType.putIfAbsent(outer.getName(), Doc.NONE);
    }

    private static Doc read(DocCommentTree comment) {
        if (comment == null) {
            return Doc.NONE;
        }
        var summary = new StringBuilder();
        comment.getFullBody().forEach(part -> summary.append(part));
        var params = new LinkedHashMap<String, String>();
        for (var tag : comment.getBlockTags()) {
            if (tag instanceof ParamTree param && !param.isTypeParameter()) {
                var text = new StringBuilder();
                param.getDescription().forEach(part -> text.append(part));
                params.put(param.getName().getName().toString(), text.toString());
            }
        }
        return new Doc(summary.toString().replaceAll("\\s+", " ").replace("<p>", "").strip(), params);
    }
}

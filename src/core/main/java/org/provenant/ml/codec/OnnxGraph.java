package org.provenant.ml.codec;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.provenant.ml.ModelException;

/**
 * One ONNX graph loaded through DJL's ONNX Runtime engine from a local, already verified file (no network:
 * DJL runs in offline mode). Thread-safe: each call makes its own predictor and NDManager.
 */
final class OnnxGraph implements AutoCloseable {
    static {
        // DJL must never try to download anything; the ONNX Runtime natives come with its Maven jar.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        // DJL's per-model INFO/WARN lines (no CUDA, no ONNX extensions) are noise for the examiner
        String djlLog = "org.slf4j.simpleLogger.log.ai.djl";
        if (System.getProperty(djlLog) == null) System.setProperty(djlLog, "error");
    }

    private final String name;
    private final ZooModel<NDList, NDList> model;

    private OnnxGraph(String name, ZooModel<NDList, NDList> model) {
        this.name = name;
        this.model = model;
    }

    static OnnxGraph load(String name, Path file) throws ModelException {
        Criteria.Builder<NDList, NDList> b = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optProgress(null);
        // threads per graph: 1 unless -Dprovenant.ort.threads=N (the engine runs indicators in parallel already)
        for (var o : org.provenant.ml.OrtOptions.options().entrySet()) b = b.optOption(o.getKey(), o.getValue());
        Criteria<NDList, NDList> criteria = b.build();
        try {
            return new OnnxGraph(name, criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new ModelException("Model '" + name + "' (" + file.getFileName() + ") cannot be loaded by ONNX Runtime: "
                    + firstLine(e), e);
        } catch (Error e) {
            // a missing native library shows up as UnsatisfiedLinkError: still one clear line for the user
            throw new ModelException("ONNX Runtime is not usable on this machine, so model '" + name
                    + "' cannot run: " + firstLine(e), e);
        }
    }

    /**
     * Runs the graph on latent-shaped inputs (named as in the graph, or in the graph's input order where
     * {@code inputNames} is null), returning its outputs in graph order.
     */
    List<Latents> run(String[] inputNames, Latents... inputs) throws ModelException {
        try (NDManager nd = model.getNDManager().newSubManager();
             Predictor<NDList, NDList> p = model.newPredictor()) {
            NDList in = new NDList();
            for (int i = 0; i < inputs.length; i++) {
                NDArray a = nd.create(inputs[i].data(), new Shape(inputs[i].shape()));
                if (inputNames != null && inputNames[i] != null) a.setName(inputNames[i]); // else graph order
                in.add(a);
            }
            NDList out = p.predict(in);
            List<Latents> res = new ArrayList<>();
            for (NDArray a : out) {
                long[] s = a.getShape().getShape();
                if (s.length != 4 || s[0] != 1)
                    throw new ModelException("Model '" + name + "' returned a tensor of shape " + a.getShape()
                            + ", expected [1,C,H,W]");
                res.add(new Latents((int) s[1], (int) s[2], (int) s[3], a.toFloatArray()));
            }
            return res;
        } catch (TranslateException | RuntimeException e) {
            throw new ModelException("Model '" + name + "' failed to run: " + firstLine(e), e);
        }
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank()))
            t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        model.close();
    }
}

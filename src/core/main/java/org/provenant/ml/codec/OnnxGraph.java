package org.provenant.ml.codec;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.provenant.ml.ModelException;
import org.provenant.ml.OrtOptions;

/**
 * One ONNX graph loaded through DJL's ONNX Runtime engine from a local, already verified file (no network:
 * DJL runs in offline mode). Thread-safe: each call makes its own predictor and NDManager.
 */
final class OnnxGraph implements AutoCloseable {
    static {
        // DJL must never try to download anything; the ONNX Runtime natives come with its Maven jar.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private final String name;
    private final Model model;

    private OnnxGraph(String name, Model model) {
        this.name = name;
        this.model = model;
    }

    static OnnxGraph load(String name, Path file) throws ModelException {
        Model m = null;
        // threads per graph: 1 unless -Dprovenant.ort.threads=N (the engine runs indicators in parallel already)
        try (OrtSession.SessionOptions session = OrtOptions.sessionOptions()) {
            m = Model.newInstance(name, "OnnxRuntime");
            m.load(file, null, OrtOptions.options(session));
            return new OnnxGraph(name, m);
        } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
            if (m != null) m.close();
            throw new ModelException("Model '" + name + "' (" + file.getFileName() + ") cannot be loaded by ONNX Runtime: "
                    + firstLine(e), e);
        } catch (Error e) {
            if (m != null) m.close();
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
             Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
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

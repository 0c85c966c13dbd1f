package org.provenant.ml.lare;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.provenant.ml.ModelException;
import org.provenant.ml.OrtOptions;

/**
 * One ONNX network run through DJL's ONNX Runtime engine, fed and read by tensor name. Inputs are passed in the
 * order the model declares them, so a user-supplied export works whatever order its author chose. Calls are
 * serialised (a DJL predictor is not thread-safe); close it through the model registry's cache.
 */
public final class OnnxNet implements AutoCloseable {
    /** A dense tensor: float32 values, or int64 when {@code int64} (a timestep input of some exports). */
    public record Tensor(float[] data, long[] shape, boolean int64) {
        public static Tensor of(float[] data, long... shape) {
            return new Tensor(data, shape, false);
        }
    }

    private final String name;
    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final List<String> inputNames = new ArrayList<>();

    private OnnxNet(String name, Model model) {
        this.name = name;
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
        PairList<String, Shape> in = model.describeInput();
        if (in != null) inputNames.addAll(in.keys());
    }

    /** Loads a verified .onnx file (verify it with {@code ModelRegistry.verifiedFile} first). */
    public static OnnxNet load(String name, Path file) throws ModelException {
        Model m = Model.newInstance(name, "OnnxRuntime");
        try (OrtSession.SessionOptions session = OrtOptions.sessionOptions()) {
            m.load(file, null, OrtOptions.options(session)); // one thread per session unless configured; quiet
            return new OnnxNet(name, m);
        } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
            m.close();
            throw new ModelException("Model '" + name + "' (" + file.getFileName() + ") cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        }
    }

    public String name() { return name; }

    /** The input tensor names in the model's order. */
    public List<String> inputNames() { return List.copyOf(inputNames); }

    /**
     * Runs the network once.
     *
     * @param inputs tensors by input name (every input of the model must be given)
     * @return every output as float32, by output name (in the model's order; "output&lt;i&gt;" when unnamed)
     */
    public synchronized Map<String, Tensor> run(Map<String, Tensor> inputs) throws ModelException {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList list = new NDList();
            List<String> order = inputNames.isEmpty() ? new ArrayList<>(inputs.keySet()) : inputNames;
            for (String n : order) {
                Tensor t = inputs.get(n);
                if (t == null) {
                    throw new ModelException("Model '" + name + "' needs an input named '" + n + "', the manifest names "
                            + String.join(", ", inputs.keySet()));
                }
                NDArray a;
                if (t.int64()) {
                    long[] v = new long[t.data().length];
                    for (int i = 0; i < v.length; i++) v[i] = Math.round(t.data()[i]);
                    a = m.create(v, new Shape(t.shape()));
                } else {
                    a = m.create(t.data(), new Shape(t.shape()));
                }
                a.setName(n);
                list.add(a);
            }
            NDList out = predictor.predict(list);
            Map<String, Tensor> result = new LinkedHashMap<>();
            for (NDArray o : out) {
                NDArray f = o.getDataType() == DataType.FLOAT32 ? o : o.toType(DataType.FLOAT32, false);
                String key = o.getName() == null || o.getName().isEmpty() ? "output" + result.size() : o.getName();
                result.put(key, Tensor.of(f.toFloatArray(), f.getShape().getShape()));
            }
            out.close();
            return result;
        } catch (TranslateException | RuntimeException e) {
            throw new ModelException("Model '" + name + "' failed to run: " + e.getMessage(), e);
        }
    }

    /** Runs and returns the output named {@code output}, or the first output when none has that name. */
    public Tensor run(Map<String, Tensor> inputs, String output) throws ModelException {
        Map<String, Tensor> out = run(inputs);
        Tensor t = out.get(output);
        return t != null ? t : out.values().iterator().next();
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}

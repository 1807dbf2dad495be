"""Training: the one place in lstm_core that imports Keras or TensorFlow, and only when called.

`trainer` is the one training loop (`TrainConfig`, `Trainer`, `train`, `EpochReport`; on
one device or inside a `tf.distribute` strategy); `gan_steps` is the GAN's, whose two
networks take turns. The Keras twins of the networks the app runs in NumPy, one module
per family, copy their weights back out: `network_keras` (every `NetworkSpec`),
`attention_keras` (the Explain tab's attention classifier), `cells_keras` (the Why
page's SimpleRNN, GRU and LSTM), `gan_keras` (a GAN's pair, Gumbel-softmax), `seq2seq_keras` (the encoder-decoder,
teacher-forced or free running). `backend`
sets TensorFlow up (threads, determinism, logical devices). What leaves this package is
NumPy.
"""

// The embedding settings of the one config module: the offline model-free path by default, and
// clear errors naming the variable for values the embedders could not use.
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('EMBED_* configuration', () => {
  it('defaults to the model-free path and the hub models for when neural is switched on', () => {
    const config = loadConfig({});
    expect(config.EMBED_NEURAL).toBe(false);
    expect(config.EMBED_TEXT_MODEL).toBe('Xenova/all-MiniLM-L6-v2');
    expect(config.EMBED_IMAGE_MODEL).toBe('Xenova/clip-vit-base-patch32');
    expect(config.EMBED_DTYPE).toBe('q8');
  });

  it('reads the neural switch and model locations', () => {
    const config = loadConfig({ EMBED_NEURAL: '1', EMBED_TEXT_MODEL: 'all-MiniLM-L6-v2', EMBED_MODEL_DIR: '/srv/models', EMBED_DTYPE: 'fp32' });
    expect(config).toMatchObject({ EMBED_NEURAL: true, EMBED_TEXT_MODEL: 'all-MiniLM-L6-v2', EMBED_MODEL_DIR: '/srv/models', EMBED_DTYPE: 'fp32' });
  });

  it.each([
    ['EMBED_DTYPE', 'fp64'],
    ['EMBED_REMOTE_HOST', 'not a url'],
    ['EMBED_NEURAL', 'maybe'],
  ])('rejects %s=%p naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
